// Staff preview a lesson as a learner sees it (no enrolment; the quiz is shown but cannot be submitted).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { LessonPage } from "~/components/courses/LessonPage";
import { Notice } from "~/components/forms";
import { loadLessonView } from "~/courses/learner.server";
import { idParam } from "~/courses/schemas";
import { resolveLocale } from "~/i18n/locale.server";
import { useT } from "~/i18n/react";
import { db } from "~/lib/db.server";
import { parseParamOr404 } from "~/lib/forms.server";
import { requireStaff } from "~/lib/guards.server";
import { ensureFound } from "~/lib/http.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireStaff(request);
  const programId = parseParamOr404(idParam, params.id);
  const lessonId = parseParamOr404(idParam, params.lessonId);
  return { view: ensureFound(await loadLessonView(db, { programId, lessonId, userId: null, locale: await resolveLocale(request, user) })) };
}

export default function StaffLessonPreview() {
  const t = useT();
  const { view } = useLoaderData<typeof loader>();
  return (
    <LessonPage
      view={view}
      linkBase={`/staff/courses/${view.course.id}/preview`}
      preview
      banner={
        <Notice kind="info">
          {t("courses.builder.previewBanner")} <Link to={`/staff/courses/${view.course.id}/lessons/${view.lesson.id}`}>{t("courses.builder.editLesson")}</Link>
        </Notice>
      }
    />
  );
}
