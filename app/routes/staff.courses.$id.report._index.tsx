// Staff: who is where in a course (/staff/courses/:id/report): sortable, paginated, CSV, progress chart.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { ProgressChart } from "~/components/courses/ProgressChart";
import { PageHeading, Pagination, ProgressBar } from "~/components/layout";
import { getCourseReport } from "~/courses/report.server";
import { idParam, reportQuerySchema } from "~/courses/schemas";
import { getCourseHeader } from "~/courses/structure.server";
import { resolveLocale } from "~/i18n/locale.server";
import { useFormat, useT } from "~/i18n/react";
import { db } from "~/lib/db.server";
import { parseParam, parseParamOr404 } from "~/lib/forms.server";
import { requireStaff } from "~/lib/guards.server";
import { ensureFound } from "~/lib/http.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireStaff(request);
  const course = ensureFound(await getCourseHeader(db, parseParamOr404(idParam, params.id), await resolveLocale(request, user)));
  const query = parseParam(reportQuerySchema, Object.fromEntries(new URL(request.url).searchParams));
  const report = await getCourseReport(db, { programId: course.id, ...query });
  return { course, query, ...report };
}

const COLUMNS = [
  { key: "name", label: "courses.report.learner" },
  { key: "progress", label: "courses.report.progress" },
  { key: "activity", label: "courses.report.lastActivity" },
  { key: "completed", label: "courses.report.completedAt" },
] as const;

export default function CourseReport() {
  const t = useT();
  const f = useFormat();
  const location = useLocation();
  const d = useLoaderData<typeof loader>();
  const sortHref = (key: string) => {
    const p = new URLSearchParams(location.search);
    p.set("sort", key);
    p.set("dir", d.query.sort === key && d.query.dir === "asc" ? "desc" : "asc");
    p.delete("page");
    return `?${p.toString()}`;
  };
  return (
    <div className="space-y-6">
      <PageHeading lead={t("courses.report.summary", { count: d.total, completed: d.completed, required: d.requiredTotal })}>
        {t("courses.report.title", { title: d.course.title })}
      </PageHeading>
      <p className="flex flex-wrap gap-4">
        <Link to={`/staff/courses/${d.course.id}`}>{t("courses.builder.backToCourse")}</Link>
        <a href={`/staff/courses/${d.course.id}/report/csv?sort=${d.query.sort}&dir=${d.query.dir}`} className="btn-secondary" download>
          {t("common.exportCsv")}
        </a>
      </p>
      <ProgressChart buckets={d.distribution} />
      <div className="overflow-x-auto">
        <table>
          <thead>
            <tr>
              {COLUMNS.map((c) => (
                <th key={c.key} scope="col" aria-sort={d.query.sort === c.key ? (d.query.dir === "asc" ? "ascending" : "descending") : undefined}>
                  <Link to={sortHref(c.key)}>
                    {t(c.label)}
                    {d.query.sort === c.key ? (d.query.dir === "asc" ? " ▲" : " ▼") : ""}
                  </Link>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {d.rows.map((r) => (
              <tr key={r.userId}>
                <td>
                  {r.fullName}
                  <span className="block text-xs text-slate-600">{r.login}</span>
                </td>
                <td className="min-w-40">
                  <ProgressBar value={r.percent} label={t("courses.report.progressOf", { name: r.fullName })} />
                </td>
                <td>{r.lastActivityAt ? f.dateTime(r.lastActivityAt) : t("common.none")}</td>
                <td>{r.completedAt ? <span className="badge badge-ok">{f.date(r.completedAt)}</span> : t("common.none")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {d.rows.length === 0 ? <p>{t("courses.report.empty")}</p> : null}
      <Pagination page={d.page} pages={d.pages} />
    </div>
  );
}
