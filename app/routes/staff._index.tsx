import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/lib/guards.server";
import { PageHeading } from "~/components/layout";
import { staffLinks } from "~/components/nav";
import { useT } from "~/i18n/react";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaff(request);
  return { links: staffLinks.filter((l) => !l.roles || l.roles.includes(user.role)) };
}

export default function StaffHome() {
  const t = useT();
  const { links } = useLoaderData<typeof loader>();
  return (
    <div>
      <PageHeading lead={t("staff.lead")}>{t("staff.title")}</PageHeading>
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
