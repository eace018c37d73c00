import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { PageHeading } from "~/components/layout";
import { BookingStatusBadge } from "~/components/tours/StatusBadge";
import { useFormat, useT } from "~/i18n/react";
import { db } from "~/lib/db.server";
import { parseParam } from "~/lib/forms.server";
import { requireStaff } from "~/lib/guards.server";
import { isoToVnLocal, nowIso, vnLocalToIso } from "~/lib/time";
import { loadDaySheet } from "~/tours/queries.server";
import { dateSchema } from "~/tours/schemas";

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request);
  const raw = new URL(request.url).searchParams.get("date");
  // No date: today in Vietnam; a malformed one is a bad request.
  const date = raw === null ? isoToVnLocal(nowIso()).date : parseParam(dateSchema, raw);
  return { date, slots: await loadDaySheet(db, date, staff.locale) };
}

// Prints on one A4 page: compact table, no navigation (the header, footer and .no-print are hidden in print).
export default function DaySheet() {
  const t = useT();
  const f = useFormat();
  const { date, slots } = useLoaderData<typeof loader>();
  return (
    <div className="day-sheet">
      <PageHeading>
        {t("bookings.staff.daySheetTitle", {
          date: f.longDate(vnLocalToIso(date, "12:00")),
        })}
      </PageHeading>
      <div className="no-print mb-4 flex flex-wrap items-end gap-4">
        <Link to="/staff/bookings">← {t("bookings.staff.title")}</Link>
        <Form key={date} method="get" className="flex flex-wrap items-end gap-2">
          <div className="field !mb-0">
            <label htmlFor="date">{t("bookings.staff.chooseDate")}</label>
            <input id="date" type="date" name="date" defaultValue={date} required />
          </div>
          <button type="submit" className="btn-secondary">
            {t("bookings.staff.show")}
          </button>
        </Form>
        <button type="button" className="btn" data-print onClick={() => window.print()}>
          {t("common.print")}
        </button>
      </div>
      {slots.length === 0 ? <p>{t("bookings.staff.noSlotsDay")}</p> : null}
      {slots.map((s) => {
        const students = s.bookings.reduce((n, b) => n + b.students, 0);
        const adults = s.bookings.reduce((n, b) => n + b.adults, 0);
        return (
          <section key={s.id} className="card mb-4 break-inside-avoid" aria-labelledby={`slot-${s.id}`}>
            <h2 id={`slot-${s.id}`} className="text-base">
              {t("bookings.staff.slotLine", {
                start: f.time(s.startsAt),
                end: f.time(s.endsAt),
                tour: s.title,
              })}
            </h2>
            <p className="text-sm">
              {t("bookings.staff.totals", {
                students,
                adults,
                capacity: s.capacity,
              })}
            </p>
            {s.bookings.length === 0 ? (
              <p className="text-sm">{t("bookings.staff.noBookings")}</p>
            ) : (
              <table className="table-cards mt-1">
                <thead>
                  <tr>
                    <th scope="col">{t("bookings.reference")}</th>
                    <th scope="col">{t("bookings.school")}</th>
                    <th scope="col">{t("bookings.students")}</th>
                    <th scope="col">{t("bookings.grades")}</th>
                    <th scope="col">{t("bookings.adults")}</th>
                    <th scope="col">{t("bookings.contact")}</th>
                    <th scope="col">{t("bookings.accessibility")}</th>
                    <th scope="col">{t("common.status")}</th>
                  </tr>
                </thead>
                <tbody>
                  {s.bookings.map((b) => (
                    <tr key={b.id}>
                      <td data-label={t("bookings.reference")}>{b.reference}</td>
                      <td data-label={t("bookings.school")}>{b.schoolName}</td>
                      <td data-label={t("bookings.students")} className="tabular-nums">
                        {b.students}
                        {b.slips ? (
                          <>
                            <br />
                            <span className="text-sm">{t("slips.day.cleared", { cleared: b.slips.cleared, listed: b.slips.listed })}</span>
                            {b.slips.missing > 0 ? (
                              <>
                                <br />
                                <strong className="text-sm">{t("slips.day.missing", { count: b.slips.missing })}</strong>
                              </>
                            ) : null}
                            <br />
                            {/* A full page load: the check-in page's own headers allow the camera for its scanner. */}
                            <a href={`/bookings/${b.id}/checkin`} className="no-print text-sm">
                              {t("checkin.link")} <span className="sr-only">{b.reference}</span>
                            </a>
                          </>
                        ) : null}
                      </td>
                      <td data-label={t("bookings.grades")}>
                        {b.gradeMin === b.gradeMax
                          ? t("tours.grade", { grade: b.gradeMin })
                          : t("tours.grades", {
                              min: b.gradeMin,
                              max: b.gradeMax,
                            })}
                      </td>
                      <td data-label={t("bookings.adults")} className="tabular-nums">
                        {b.adults}
                      </td>
                      <td data-label={t("bookings.contact")}>
                        {b.contactName}
                        <br />
                        {b.contactPhone}
                      </td>
                      <td data-label={t("bookings.accessibility")}>{[b.accessibilityNeeds, b.notes].filter(Boolean).join(" · ") || t("common.none")}</td>
                      <td data-label={t("common.status")}>
                        <BookingStatusBadge status={b.status} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        );
      })}
    </div>
  );
}
