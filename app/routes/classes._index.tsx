import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { pageSchema } from "~/lib/schemas";
import { requireUser, isStaff } from "~/lib/guards.server";
import { forbidden } from "~/lib/http.server";
import { canRunClasses } from "~/classes/access.server";
import { listClassesFor } from "~/classes/classes.server";
import { PageHeading, Pagination } from "~/components/layout";
import { useT } from "~/i18n/react";
import { db } from "~/lib/db.server";
import { parseParam } from "~/lib/forms.server";

const querySchema = z.object({
  archived: z.enum(["0", "1"]).catch("0"),
  page: pageSchema,
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  // Students have no class pages of their own: the classes they joined are listed elsewhere.
  if (user.role === "student") throw redirect("/classes/joined");
  if (!canRunClasses(user) && !isStaff(user)) throw forbidden();
  const query = parseParam(querySchema, Object.fromEntries(new URL(request.url).searchParams));
  const list = await listClassesFor(db, user, { archived: query.archived === "1", page: query.page });
  return { ...list, archived: query.archived === "1", page: query.page, staff: isStaff(user) };
}

export default function ClassesIndex() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  return (
    <div>
      <PageHeading lead={t("classes.lead")}>{d.staff ? t("classes.titleAll") : t("classes.title")}</PageHeading>
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <nav aria-label={t("classes.tabs.label")}>
          <ul className="flex gap-4">
            <li>
              <Link to="/classes" aria-current={!d.archived ? "page" : undefined} className={!d.archived ? "font-semibold" : ""}>
                {t("classes.tabs.active")}
              </Link>
            </li>
            <li>
              <Link to="/classes?archived=1" aria-current={d.archived ? "page" : undefined} className={d.archived ? "font-semibold" : ""}>
                {t("classes.tabs.archived")}
              </Link>
            </li>
          </ul>
        </nav>
        {!d.staff ? (
          <Link to="/classes/new" className="btn">
            {t("classes.new")}
          </Link>
        ) : null}
      </div>
      <p className="mb-2 text-sm text-slate-700">{t("classes.total", { count: d.total })}</p>
      {d.rows.length === 0 ? (
        <p className="card">{t("classes.empty")}</p>
      ) : (
        <div className="overflow-x-auto">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("classes.col.name")}</th>
                <th scope="col">{t("classes.col.school")}</th>
                <th scope="col">{t("classes.col.grade")}</th>
                <th scope="col">{t("classes.col.schoolYear")}</th>
                <th scope="col">{t("classes.col.members")}</th>
              </tr>
            </thead>
            <tbody>
              {d.rows.map((c) => (
                <tr key={c.id}>
                  <td>
                    <Link to={`/classes/${c.id}`}>{c.name}</Link>
                  </td>
                  <td>{c.schoolName}</td>
                  <td>{c.grade ?? t("common.none")}</td>
                  <td>{c.schoolYear}</td>
                  <td>{t("classes.membersCount", { count: c.members })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={d.page} pages={d.pages} />
    </div>
  );
}
