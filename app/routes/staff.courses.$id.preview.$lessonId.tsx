// Staff preview a lesson as a learner sees it (no enrolment; the quiz is shown but cannot be submitted).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/lib/guards.server";
import { LessonPage } from "~/components/courses/LessonPage";
import { Notice } from "~/components/forms";
import { loadLessonView } from "~/courses/learner.server";
import { pick } from "~/courses/localize";
import { idParam } from "~/courses/schemas";
import { getCourseById } from "~/courses/structure.server";
import { resolveLocale } from "~/i18n/locale.server";
import { useLocale, useT } from "~/i18n/react";
import { db } from "~/lib/db.server";
import { parseParamOr404 } from "~/lib/forms.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireStaff(request);
  const course = await getCourseById(db, parseParamOr404(idParam, params.id));
  if (!course) throw new Response("Not Found", { status: 404 });
  const lessonId = parseParamOr404(idParam, params.lessonId);
  const view = await loadLessonView(db, { programId: course.id, lessonId, userId: null, locale: await resolveLocale(request, user) });
  return { course: { id: course.id, titleVi: course.title_vi, titleEn: course.title_en }, view };
}

export default function StaffLessonPreview() {
  const t = useT();
  const locale = useLocale();
  const { course, view } = useLoaderData<typeof loader>();
  return (
    <LessonPage
      view={view}
      courseTitle={pick(course.titleVi, course.titleEn, locale)}
      linkBase={`/staff/courses/${course.id}/preview`}
      progressPercent={null}
      preview
      banner={
        <Notice kind="info">
          {t("courses.builder.previewBanner")} <Link to={`/staff/courses/${course.id}/lessons/${view.lesson.id}`}>{t("courses.builder.editLesson")}</Link>
        </Notice>
      }
    />
  );
}
