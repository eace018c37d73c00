import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/lib/guards.server";
import { PageHeading } from "~/components/layout";
import { staffLinks } from "~/components/nav";
import { StaffToday } from "~/components/insights/StaffToday";
import { loadStaffToday } from "~/insights/today.server";
import { resolveLocale } from "~/i18n/locale.server";
import { useT } from "~/i18n/react";
import { db } from "~/lib/db.server";
import { nowIso } from "~/lib/time";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaff(request);
  const locale = await resolveLocale(request, user);
  const today = await loadStaffToday(db, { now: nowIso(), locale });
  return { links: staffLinks.filter((l) => !l.roles || l.roles.includes(user.role)), today };
}

export default function StaffHome() {
  const t = useT();
  const { links, today } = useLoaderData<typeof loader>();
  return (
    <div>
      <PageHeading lead={t("staff.lead")}>{t("staff.title")}</PageHeading>
      <StaffToday today={today} />
      <h2 className="mb-3 text-xl font-semibold">{t("staffToday.links")}</h2>
      <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {links.map((l) => (
          <li key={l.to}>
            <Link to={l.to} className="card block font-semibold">
              {t(l.label)}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
