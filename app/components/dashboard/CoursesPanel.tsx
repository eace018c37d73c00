// The courses panel of /dashboard (data from app/courses/dashboard.server.ts): my courses with progress and
// "continue", completed courses, and where certificates will appear.
import { Link } from "@remix-run/react";
import type { CoursesDashboardData } from "~/courses/dashboard.server";
import { ProgressBar } from "~/components/layout";
import { useFormat, useT } from "~/i18n/react";

export function CoursesPanel({ data }: { data: CoursesDashboardData }) {
  const t = useT();
  const f = useFormat();
  if (!data) return null;
  return (
    <section className="card space-y-4" aria-labelledby="courses-panel">
      <h2 id="courses-panel">{t("courses.dashboard.title")}</h2>
      {data.inProgress.length === 0 && data.completed.length === 0 ? (
        <p>
          {t("courses.dashboard.empty")} <Link to="/catalog?kind=course">{t("courses.dashboard.browse")}</Link>
        </p>
      ) : null}
      {data.inProgress.length ? (
        <ul className="space-y-4">
          {data.inProgress.map((c) => {
            const title = c.title;
            return (
              <li key={c.programId} className="space-y-1" data-course={c.slug}>
                <Link to={`/learn/${c.slug}`} className="font-semibold">
                  {title}
                </Link>
                <ProgressBar value={c.percent} label={t("courses.progress.labelFor", { title })} />
                <div className="flex flex-wrap items-center gap-3 text-sm">
                  <Link to={c.continueLessonId ? `/learn/${c.slug}/${c.continueLessonId}` : `/learn/${c.slug}`} className="btn-secondary" aria-label={t("courses.dashboard.continueLabel", { title })}>
                    {t("courses.progress.continue")}
                  </Link>
                  {c.lastActivityAt ? <span className="text-slate-600">{t("courses.progress.lastActivity", { time: f.dateTime(c.lastActivityAt) })}</span> : null}
                </div>
              </li>
            );
          })}
        </ul>
      ) : null}
      {data.completed.length ? (
        <div>
          <h3 className="mb-2">{t("courses.dashboard.completed")}</h3>
          <ul className="space-y-2">
            {data.completed.map((c) => (
              <li key={c.programId} className="flex flex-wrap items-center gap-2">
                <Link to={`/learn/${c.slug}`}>{c.title}</Link>
                <span className="badge badge-ok">{t("courses.progress.completedOn", { date: f.date(c.completedAt!) })}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <p className="text-sm text-slate-700">
        {t("courses.dashboard.certificatesHint")} <Link to="/certificates">{t("courses.dashboard.certificatesLink")}</Link>
      </p>
    </section>
  );
}
