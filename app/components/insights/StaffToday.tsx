// The staff home's "today's work": each list links to the page where the item is handled.
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import type { StaffToday as StaffTodayView, TodayBooking, TodaySession } from "~/insights/today.server";
import { formatDateTime, formatNumber, formatTime } from "~/i18n/format";
import { useLocale, useT } from "~/i18n/react";
import { isoToVnLocal } from "~/lib/time";

function Block({ id, title, empty, children }: { id: string; title: string; empty: boolean; children: ReactNode }) {
  const t = useT();
  return (
    <section aria-labelledby={id} className="card">
      <h3 id={id} className="mb-2 font-semibold">
        {title}
      </h3>
      {empty ? <p className="text-sm text-slate-700">{t("staffToday.none")}</p> : <ul className="space-y-2 text-sm">{children}</ul>}
    </section>
  );
}

export function StaffToday({ today }: { today: StaffTodayView }) {
  const t = useT();
  const locale = useLocale();
  const day = (iso: string) => (isoToVnLocal(iso).date === today.today ? t("staffToday.today") : t("staffToday.tomorrow"));
  const seats = (s: TodaySession) => t("staffToday.seats", { confirmed: formatNumber(locale, s.confirmed), capacity: formatNumber(locale, s.capacity) });
  const sessionLink = (s: TodaySession, when: string, extra?: string) => (
    <li key={s.sessionId}>
      <Link to={`/staff/sessions/${s.sessionId}/roster`}>{s.title}</Link> — {when} · {seats(s)}
      {extra ? ` · ${extra}` : null}
    </li>
  );
  const bookingLink = (b: TodayBooking, detail: string) => (
    <li key={b.bookingId}>
      <Link to={`/staff/bookings/${b.bookingId}`}>
        {b.reference} · {b.schoolName}
      </Link>{" "}
      — {b.title} · {detail}
    </li>
  );
  const age = (hours: number) => (hours < 48 ? t("staffToday.ageHours", { hours }) : t("staffToday.ageDays", { days: Math.floor(hours / 24) }));
  return (
    <section aria-labelledby="today-heading" className="mb-8">
      <h2 id="today-heading" className="mb-3 text-xl font-semibold">
        {t("staffToday.title")}
      </h2>
      <div className="grid gap-4 lg:grid-cols-2">
        <Block id="today-sessions" title={t("staffToday.sessions")} empty={today.sessions.length === 0}>
          {today.sessions.map((s) =>
            sessionLink(
              s,
              `${day(s.startsAt)} ${formatTime(locale, s.startsAt)}`,
              s.marked > 0 ? t("staffToday.attendance", { attended: s.attended, marked: s.marked }) : t("staffToday.notMarked"),
            ),
          )}
        </Block>
        <Block id="today-tours" title={t("staffToday.tours")} empty={today.tours.length === 0}>
          {today.tours.map((b) =>
            bookingLink(b, `${day(b.startsAt)} ${formatTime(locale, b.startsAt)} · ${t("staffToday.students", { count: b.students })} · ${t(`bookings.status.${b.status}`)}`),
          )}
        </Block>
        <Block id="today-requests" title={t("staffToday.requests")} empty={today.requests.length === 0}>
          {today.requests.map((b) => bookingLink(b, `${formatDateTime(locale, b.startsAt)} · ${age(b.ageHours)}`))}
        </Block>
        <Block id="today-under-half" title={t("staffToday.underHalf")} empty={today.underHalfFull.length === 0}>
          {today.underHalfFull.map((s) => sessionLink(s, formatDateTime(locale, s.startsAt)))}
        </Block>
        <Block id="today-waitlists" title={t("staffToday.longWaitlists")} empty={today.longWaitlists.length === 0}>
          {today.longWaitlists.map((s) => sessionLink(s, formatDateTime(locale, s.startsAt), t("staffToday.waitlisted", { count: s.waitlisted })))}
        </Block>
        <Block id="today-revocations" title={t("staffToday.revocations")} empty={today.revocations.length === 0}>
          {today.revocations.map((r) => (
            <li key={r.serial}>
              <Link to={`/staff/certificates?q=${encodeURIComponent(r.serial)}`}>{r.serial}</Link> — {r.recipientName} · {r.title} · {formatDateTime(locale, r.revokedAt)}
              {r.reason ? ` · ${r.reason}` : null}
            </li>
          ))}
        </Block>
      </div>
      <p className="mt-3">
        <Link to="/staff/insights">{t("staffToday.insightsLink")}</Link>
      </p>
    </section>
  );
}
