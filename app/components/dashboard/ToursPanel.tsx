// The tours panel of /dashboard (data from app/tours/dashboard.server.ts).
import { Link } from "@remix-run/react";
import { BookingStatusBadge } from "~/components/tours/StatusBadge";
import { useFormat, useT } from "~/i18n/react";
import type { ToursDashboardData } from "~/tours/views";

export function ToursPanel({ data }: { data: ToursDashboardData }) {
  const t = useT();
  const f = useFormat();
  if (!data) return null;
  if (data.kind === "staff") {
    return (
      <section className="card" aria-labelledby="tours-panel">
        <h2 id="tours-panel">{t("tours.dashboard.heading")}</h2>
        <ul className="mt-3 space-y-2">
          <li>
            <Link to="/staff/bookings">{t("tours.dashboard.queue", { count: data.requested })}</Link>
          </li>
          <li>
            <Link to={`/staff/bookings/day?date=${data.today}`}>{t("tours.dashboard.today")}</Link>
          </li>
        </ul>
      </section>
    );
  }
  return (
    <section className="card" aria-labelledby="tours-panel">
      <h2 id="tours-panel">{t("tours.dashboard.heading")}</h2>
      {!data.hasSchool ? (
        <p className="mt-2">
          {t(data.pending ? "schools.pendingNote" : "tours.book.noSchool")} <Link to="/school">{t("tours.book.goToSchool")}</Link>
        </p>
      ) : (
        <>
          <h3 className="mt-3 text-base">{t("tours.dashboard.upcoming")}</h3>
          {data.upcoming.length === 0 ? <p className="mt-1">{t("tours.dashboard.none")}</p> : null}
          <ul className="mt-2 space-y-2">
            {data.upcoming.map((b) => (
              <li key={b.id} className="flex flex-wrap items-center gap-2">
                <Link to={`/bookings/${b.id}`}>{b.title}</Link>
                <time dateTime={b.startsAt}>{f.dateTime(b.startsAt)}</time>
                <BookingStatusBadge status={b.status} />
              </li>
            ))}
          </ul>
          <p className="mt-3">
            <Link to="/bookings">{t("tours.dashboard.all")}</Link>
          </p>
        </>
      )}
    </section>
  );
}
