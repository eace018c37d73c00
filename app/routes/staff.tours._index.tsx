import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PageHeading } from "~/components/layout";
import { useFormat, useT } from "~/i18n/react";
import { db } from "~/lib/db.server";
import { requireStaff } from "~/lib/guards.server";
import { listToursForStaff } from "~/tours/staff.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request);
  return { tours: await listToursForStaff(db, staff.locale) };
}

export default function StaffTours() {
  const t = useT();
  const f = useFormat();
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
            <h2 className="text-lg">{tour.title}</h2>
            <p className="text-sm">
              {t(`tours.staff.status.${tour.status}`)} · {t("tours.grades", { min: tour.gradeMin, max: tour.gradeMax })} ·{" "}
              {t("tours.groupSize", { min: tour.groupMin, max: tour.groupMax })} · {tour.feeVnd ? f.money(tour.feeVnd) : t("common.free")}
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
