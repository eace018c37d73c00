import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { pageSchema } from "~/lib/schemas";
import { requireStaff } from "~/lib/guards.server";
import { listStaffPrograms } from "~/catalog/staff.server";
import { PageHeading, Pagination } from "~/components/layout";
import { useT } from "~/i18n/react";
import { db } from "~/lib/db.server";

const querySchema = z.object({ page: pageSchema });

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  const query = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return listStaffPrograms(db, { kind: "workshop", page: query.page });
}

export default function StaffPrograms() {
  const t = useT();
  const { rows, total, page, pages } = useLoaderData<typeof loader>();
  return (
    <div>
      <PageHeading lead={t("catalog.staff.lead", { count: total })}>{t("catalog.staff.title")}</PageHeading>
      <p className="mb-4">
        <Link to="/staff/programs/new" className="btn">
          {t("catalog.staff.new")}
        </Link>
      </p>
      <div className="overflow-x-auto">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("catalog.form.titleVi")}</th>
              <th scope="col">{t("common.status")}</th>
              <th scope="col">{t("catalog.staff.sessions")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((p) => (
              <tr key={p.id}>
                <td>
                  <Link to={`/staff/programs/${p.id}`}>{p.titleVi}</Link>
                </td>
                <td>
                  <span className={`badge ${p.status === "published" ? "badge-ok" : "badge-neutral"}`}>{t(`catalog.status.${p.status}`)}</span>
                </td>
                <td>{p.sessions}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination page={page} pages={pages} />
    </div>
  );
}
