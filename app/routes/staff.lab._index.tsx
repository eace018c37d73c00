import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PageHeading } from "~/components/layout";
import { resolveLocale } from "~/i18n/locale.server";
import { useT } from "~/i18n/react";
import { listResourcesForStaff } from "~/lab/staff.server";
import { db } from "~/lib/db.server";
import { requireStaff } from "~/lib/guards.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaff(request);
  return { resources: await listResourcesForStaff(db, await resolveLocale(request, user)) };
}

export default function StaffLab() {
  const t = useT();
  const { resources } = useLoaderData<typeof loader>();
  return (
    <div>
      <PageHeading>{t("lab.staff.heading")}</PageHeading>
      <p className="mb-6 flex flex-wrap gap-3">
        <Link className="btn" to="/staff/lab/resources/new">
          {t("lab.staff.new")}
        </Link>
        <Link className="btn-secondary" to="/staff/lab/sheet">
          {t("lab.staff.sheet")}
        </Link>
        <Link className="btn-secondary" to="/staff/lab/requests">
          {t("lab.staff.requests")}
        </Link>
      </p>
      {resources.length === 0 ? (
        <p>{t("lab.empty")}</p>
      ) : (
        <ul className="space-y-2">
          {resources.map((r) => (
            <li key={r.id} className="card flex flex-wrap items-center justify-between gap-2">
              <span>
                <strong>{r.name}</strong> · {t(`lab.kind.${r.kind}`)}
                {r.kind === "room" ? ` · ${t("lab.seats", { count: r.capacity })}` : ""}
                {r.status === "archived" ? <span className="badge badge-neutral ml-2">{t("lab.staff.archived")}</span> : null}
              </span>
              <span className="flex gap-3">
                <Link to={`/lab/${r.slug}`}>{t("lab.week.heading")}</Link>
                <Link to={`/staff/lab/resources/${r.id}`}>{t("lab.staff.edit")}</Link>
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
