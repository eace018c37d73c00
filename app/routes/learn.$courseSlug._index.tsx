// A learner's course home (/learn/:courseSlug): progress, outline with ticks, and where to continue.
import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { CourseOutline } from "~/components/courses/CourseOutline";
import { PageHeading, ProgressBar } from "~/components/layout";
import { getLearnerAccess, loadLearnerCourse } from "~/courses/learner.server";
import { slugParam } from "~/courses/schemas";
import { resolveLocale } from "~/i18n/locale.server";
import { useFormat, useT } from "~/i18n/react";
import { db } from "~/lib/db.server";
import { parseParamOr404 } from "~/lib/forms.server";
import { requireUser } from "~/lib/guards.server";
import { ensureFound } from "~/lib/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.course.title} · STEM Hub` : "STEM Hub" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const slug = parseParamOr404(slugParam, params.courseSlug);
  const access = ensureFound(await getLearnerAccess(db, { slug, userId: user.id }));
  if (!access.enrolled) throw redirect(`/courses/${access.course.slug}?notice=notice.courses.enrolFirst`);
  return ensureFound(await loadLearnerCourse(db, { programId: access.course.id, userId: user.id, locale: await resolveLocale(request, user) }));
}

export default function LearnCourse() {
  const t = useT();
  const f = useFormat();
  const d = useLoaderData<typeof loader>();
  const base = `/learn/${d.course.slug}`;
  return (
    <div className="space-y-6">
      <PageHeading>{d.course.title}</PageHeading>
      <section className="card space-y-3" aria-labelledby="progress-heading">
        <h2 id="progress-heading">{t("courses.progress.title")}</h2>
        <ProgressBar value={d.progress.percent} label={t("courses.progress.label")} />
        <p className="text-sm" data-testid="progress-text">
          {t("courses.progress.summary", { done: d.progress.requiredDone, total: d.progress.requiredTotal })}
        </p>
        {d.completedAt ? (
          <p>
            <span className="badge badge-ok">{t("courses.progress.completed")}</span> {t("courses.progress.completedOn", { date: f.date(d.completedAt) })}
          </p>
        ) : null}
        {d.lastActivityAt ? <p className="text-sm text-slate-600">{t("courses.progress.lastActivity", { time: f.dateTime(d.lastActivityAt) })}</p> : null}
        {d.continueLessonId ? (
          <Link to={`${base}/${d.continueLessonId}`} className="btn">
            {d.progress.requiredDone === 0 ? t("courses.progress.start") : t("courses.progress.continue")}
          </Link>
        ) : null}
        {d.completedAt ? (
          <p className="flex flex-wrap gap-3 text-sm">
            {d.certificateId ? <Link to={`/certificates/${d.certificateId}`}>{t("courses.progress.certificateLink")}</Link> : null}
            <Link to={`${base}/finish`}>{t("courses.finish.link")}</Link>
            <Link to="/certificates">{t("courses.dashboard.certificatesLink")}</Link>
          </p>
        ) : null}
      </section>
      <section className="card" aria-labelledby="outline-heading">
        <h2 id="outline-heading" className="mb-3">{t("courses.outline.title")}</h2>
        <CourseOutline modules={d.outline} completed={d.completed} linkBase={base} />
      </section>
      <p>
        <Link to={`/courses/${d.course.slug}`}>{t("courses.learn.aboutCourse")}</Link>
      </p>
    </div>
  );
}
