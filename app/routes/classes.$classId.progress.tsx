import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { loadClassProgress } from "~/classes/progress.server";
import { progressQuerySchema } from "~/classes/schemas";
import { ClassHeader } from "~/components/classes/ClassNav";
import { ProgressCell } from "~/components/classes/ProgressCell";
import { useFormat, useT } from "~/i18n/react";
import { resolveLocale } from "~/i18n/locale.server";
import { requireClassAccess } from "~/lib/class-guard.server";
import { db } from "~/lib/db.server";
import { parseParam } from "~/lib/forms.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, cls, canManage } = await requireClassAccess(request, params, "view");
  const query = parseParam(progressQuerySchema, Object.fromEntries(new URL(request.url).searchParams));
  const matrix = await loadClassProgress(db, { classId: cls.id, locale: await resolveLocale(request, user), ...query });
  return { cls, canManage, ...matrix, query };
}

export default function ClassProgress() {
  const t = useT();
  const f = useFormat();
  const { cls, canManage, columns, rows, query } = useLoaderData<typeof loader>();
  const base = `/classes/${cls.id}/progress`;
  const sortLink = (sort: "name" | "progress") => {
    const dir = query.sort === sort && query.dir === "asc" ? "desc" : "asc";
    return `${base}?sort=${sort}&dir=${sort === "progress" && query.sort !== "progress" ? "desc" : dir}`;
  };
  const ariaSort = (sort: "name" | "progress") => (query.sort === sort ? (query.dir === "asc" ? "ascending" : "descending") : undefined);
  return (
    <div>
      <ClassHeader cls={cls} canManage={canManage} />
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <h2>{t("classes.progress.title", { name: cls.name })}</h2>
        <a href={`/classes/${cls.id}/progress.csv?sort=${query.sort}&dir=${query.dir}`} className="btn-secondary" download>
          {t("common.exportCsv")}
        </a>
      </div>
      <p className="mb-2 text-sm text-slate-700">{t("classes.progress.legend")}</p>
      <nav aria-label={t("classes.progress.sort")} className="mb-4 flex flex-wrap gap-4 text-sm">
        <span className="font-semibold">{t("classes.progress.sort")}:</span>
        <Link to={`${base}?sort=name&dir=asc`} aria-current={query.sort === "name" ? "true" : undefined} className={query.sort === "name" ? "font-semibold" : ""}>
          {t("classes.progress.sortName")}
        </Link>
        <Link to={`${base}?sort=progress&dir=desc`} aria-current={query.sort === "progress" ? "true" : undefined} className={query.sort === "progress" ? "font-semibold" : ""}>
          {t("classes.progress.sortProgress")}
        </Link>
      </nav>
      {rows.length === 0 ? (
        <p className="card">{t("classes.progress.noMembers")}</p>
      ) : columns.length === 0 ? (
        <p className="card">{t("classes.progress.empty")}</p>
      ) : (
        <div className="overflow-x-auto">
          <table data-testid="progress-matrix">
            <thead>
              <tr>
                <th scope="col" aria-sort={ariaSort("name")}>
                  <Link to={sortLink("name")}>{t("classes.progress.student")}</Link>
                </th>
                {columns.map((c) => (
                  <th scope="col" key={`${c.kind}-${c.id}`} className="min-w-32">
                    {c.kind === "course"
                      ? t("classes.progress.courseCol", { title: c.title })
                      : c.kind === "session"
                        ? t("classes.progress.sessionCol", { title: c.title, date: f.date(c.startsAt) })
                        : t("classes.progress.tourCol", { title: c.title })}
                  </th>
                ))}
                <th scope="col" aria-sort={ariaSort("progress")}>
                  <Link to={sortLink("progress")}>{t("classes.progress.total")}</Link>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.studentId}>
                  <th scope="row" className="border-b border-slate-200 font-normal">
                    <Link to={`/classes/${cls.id}/students/${r.studentId}`}>{r.fullName}</Link>
                  </th>
                  {r.cells.map((cell, i) => (
                    <td key={i}>
                      <ProgressCell cell={cell} />
                    </td>
                  ))}
                  <td className="font-semibold tabular-nums">{r.total === null ? t("common.none") : `${r.total}%`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
