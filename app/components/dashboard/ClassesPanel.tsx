// The classes panel of /dashboard (data from app/classes/dashboard.server.ts).
import { Form, Link } from "@remix-run/react";
import type { ClassesDashboardData } from "~/classes/dashboard.server";
import { ProgressBar } from "~/components/layout";
import { SmallLineChart } from "~/components/insights/charts";
import { formatDate, formatPercent } from "~/i18n/format";
import { useFormat, useLocale, useT } from "~/i18n/react";
import { vnLocalToIso } from "~/lib/time";

export function ClassesPanel({ data }: { data: ClassesDashboardData }) {
  const t = useT();
  const f = useFormat();
  if (!data) return null;
  if (data.kind === "student") {
    return (
      <section className="card" aria-labelledby="classes-panel">
        <h2 id="classes-panel" className="mb-3">
          {t("classes.dashboard.studentHeading")}
        </h2>
        {data.classes.length === 0 ? <p className="mb-3">{t("classes.joined.empty")}</p> : null}
        <ul className="mb-3 space-y-2">
          {data.classes.map((c) => (
            <li key={c.id} className="flex flex-wrap items-center justify-between gap-2">
              <span>
                <span className="font-semibold">{c.name}</span> · {t("classes.joined.teacher", { name: c.teacherName })}
              </span>
              <Form method="post" action="/classes/joined">
                <input type="hidden" name="classId" value={c.id} />
                <button type="submit" className="btn-link" aria-label={t("classes.joined.leaveLabel", { name: c.name })}>
                  {t("classes.joined.leave")}
                </button>
              </Form>
            </li>
          ))}
        </ul>
        <Link to="/join" className="btn-secondary">
          {t("classes.joined.join")}
        </Link>
      </section>
    );
  }
  return (
    <section className="card" aria-labelledby="classes-panel">
      <h2 id="classes-panel" className="mb-3">
        {t("classes.dashboard.heading")}
      </h2>
      {data.classes.length === 0 ? <p className="mb-3">{t("classes.dashboard.none")}</p> : null}
      <ul className="mb-4 space-y-3">
        {data.classes.map((c) => (
          <li key={c.id}>
            <p>
              <Link to={`/classes/${c.id}`} className="font-semibold">
                {c.name}
              </Link>{" "}
              · {t("classes.membersCount", { count: c.members })}
            </p>
            {c.averageProgress === null ? (
              <p className="text-sm text-slate-700">{t("classes.dashboard.noCourses")}</p>
            ) : (
              <>
                <ProgressBar value={c.averageProgress} label={t("classes.dashboard.avgProgress", { name: c.name })} />
                <ClassProgressChart classId={c.id} name={c.name} history={c.history} />
              </>
            )}
          </li>
        ))}
      </ul>
      <h3 className="mb-2">{t("classes.dashboard.upcoming")}</h3>
      {data.upcoming.length === 0 ? (
        <p className="mb-3 text-sm">{t("classes.dashboard.noUpcoming")}</p>
      ) : (
        <ul className="mb-3 space-y-1 text-sm">
          {data.upcoming.map((s) => (
            <li key={`${s.classId}-${s.sessionId}`}>
              <span className="font-semibold">{f.dateTime(s.startsAt)}</span> · {s.title} · {s.className}
            </li>
          ))}
        </ul>
      )}
      <div className="flex flex-wrap gap-3">
        <Link to="/classes" className="btn-secondary">
          {t("classes.dashboard.all")}
        </Link>
        <Link to="/classes/new" className="btn-link">
          {t("classes.new")}
        </Link>
      </div>
    </section>
  );
}

/** The class's progress over the last weeks: a small chart and, folded under it, the same numbers as a table. */
function ClassProgressChart({ classId, name, history }: { classId: number; name: string; history: { week: string; average: number | null; members: number }[] }) {
  const t = useT();
  const locale = useLocale();
  if (history.length === 0) return null;
  const day = (d: string) => formatDate(locale, vnLocalToIso(d, "00:00"));
  const pct = (v: number) => formatPercent(locale, v / 100);
  const title = `${t("classChart.title")} — ${name}`;
  const desc = t("classChart.desc", { weeks: history.length });
  return (
    <figure className="mt-2" aria-labelledby={`class-chart-${classId}-caption`}>
      <figcaption id={`class-chart-${classId}-caption`} className="text-sm font-semibold">
        {t("classChart.title")}
      </figcaption>
      <SmallLineChart id={`class-chart-${classId}`} title={title} desc={desc} labels={history.map((h) => day(h.week))} values={history.map((h) => h.average)} display={pct} />
      <details className="text-sm">
        <summary className="cursor-pointer">{t("insights.dataTable")}</summary>
        <table className="text-sm">
          <caption className="sr-only">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{t("classChart.week")}</th>
              <th scope="col" className="text-right">
                {t("classChart.average")}
              </th>
              <th scope="col" className="text-right">
                {t("classChart.members")}
              </th>
            </tr>
          </thead>
          <tbody>
            {history.map((h) => (
              <tr key={h.week}>
                <th scope="row" className="font-normal">
                  {day(h.week)}
                </th>
                <td className="text-right tabular-nums">{h.average === null ? t("insights.notApplicable") : pct(h.average)}</td>
                <td className="text-right tabular-nums">{h.members}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
