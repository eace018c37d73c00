import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/lib/guards.server";
import { PageHeading } from "~/components/layout";
import { useFormat, useLocale, useT } from "~/i18n/react";
import { db } from "~/lib/db.server";
import { listToursForStaff } from "~/tours/tours.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  return { tours: await listToursForStaff(db) };
}

export default function StaffTours() {
  const t = useT();
  const f = useFormat();
  const locale = useLocale();
  const { tours } = useLoaderData<typeof loader>();
  return (
    <div>
      <PageHeading>{t("tours.staff.title")}</PageHeading>
      <p className="mb-6 flex flex-wrap gap-4">
        <Link to="/staff/tours/new" className="btn">
          {t("tours.staff.new")}
        </Link>
        <Link to="/staff/bookings" className="btn-secondary">
          {t("bookings.staff.title")}
        </Link>
      </p>
      {tours.length === 0 ? <p>{t("tours.staff.empty")}</p> : null}
      <ul className="grid gap-4 md:grid-cols-2">
        {tours.map((tour) => (
          <li key={tour.id} className="card">
            <h2 className="text-lg">{locale === "en" && tour.title_en ? tour.title_en : tour.title_vi}</h2>
            <p className="text-sm">
              {t(`tours.staff.status.${tour.status}`)} · {t("tours.grades", { min: tour.grade_min ?? 1, max: tour.grade_max ?? 12 })} ·{" "}
              {t("tours.groupSize", { min: tour.group_min, max: tour.group_max })} · {tour.fee_vnd ? f.money(tour.fee_vnd) : t("common.free")}
            </p>
            <p className="mt-2 flex gap-4">
              <Link to={`/staff/tours/${tour.id}`}>{t("tours.staff.open")}</Link>
              <Link to={`/tours/${tour.slug}`}>{t("tours.staff.view")}</Link>
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}
