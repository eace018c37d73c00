// Server-rendered month of time slots with seats left: a grid on wide screens, a list of days on a phone.
import { Link } from "@remix-run/react";
import { useFormat, useLocale, useT } from "~/i18n/react";
import { vnLocalToIso } from "~/lib/time";
import type { CalendarView } from "~/tours/views";

export function MonthCalendar({ calendar, bookable }: { calendar: CalendarView; bookable: boolean }) {
  const t = useT();
  const f = useFormat();
  const locale = useLocale();
  const tag = locale === "vi" ? "vi-VN" : "en-GB";
  const monthLabel = new Intl.DateTimeFormat(tag, { month: "long", year: "numeric", timeZone: "Asia/Ho_Chi_Minh" }).format(
    new Date(vnLocalToIso(`${calendar.month}-15`, "12:00")),
  );
  // Monday-first weekday names from a known Monday (2026-11-30).
  const weekdays = Array.from({ length: 7 }, (_, i) =>
    new Intl.DateTimeFormat(tag, { weekday: "short", timeZone: "UTC" }).format(new Date(Date.UTC(2026, 10, 30 + i, 12))),
  );
  const hasSlots = Object.keys(calendar.days).length > 0;
  return (
    <section aria-labelledby="calendar-heading" className="card">
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <h2 id="calendar-heading">
          {t("tours.calendar.heading")}: <span className="capitalize">{monthLabel}</span>
        </h2>
        <nav aria-label={t("tours.calendar.heading")} className="flex gap-4">
          <Link to={`?month=${calendar.prev}#calendar-heading`} rel="prev">
            ← {t("tours.calendar.prev")}
          </Link>
          <Link to={`?month=${calendar.next}#calendar-heading`} rel="next">
            {t("tours.calendar.next")} →
          </Link>
        </nav>
      </div>
      {!hasSlots ? <p>{t("tours.calendar.empty")}</p> : null}
      <div role="list" className="tour-calendar grid grid-cols-1 gap-2 md:grid-cols-7 md:gap-1">
        {weekdays.map((w, i) => (
          <div key={i} aria-hidden="true" className="hidden text-center text-sm font-semibold md:block">
            {w}
          </div>
        ))}
        {calendar.weeks.flat().map((date, i) => {
          const slots = date ? (calendar.days[date] ?? []) : [];
          if (!date) return <div key={`pad-${i}`} aria-hidden="true" className="hidden md:block" />;
          return (
            <div
              key={date}
              role="listitem"
              className={`rounded border border-slate-200 p-2 text-sm md:min-h-24 ${slots.length ? "bg-white" : "hidden bg-slate-50 md:block"}`}
            >
              <div className="font-semibold">
                <time dateTime={date}>
                  <span className="md:hidden">{f.longDate(vnLocalToIso(date, "12:00"))}</span>
                  <span className="hidden md:inline">{Number(date.slice(8))}</span>
                </time>
              </div>
              <ul className="mt-1 space-y-1">
                {slots.map((s) => (
                  <li key={s.id} data-slot-id={s.id}>
                    <span className="tabular-nums">{f.time(s.startsAt)}</span>{" "}
                    {s.past ? (
                      <span className="badge badge-neutral">{t("tours.calendar.past")}</span>
                    ) : s.left > 0 ? (
                      bookable ? (
                        <Link to={`?month=${calendar.month}&slot=${s.id}#book`} aria-label={`${t("tours.calendar.book", { time: f.dateTime(s.startsAt) })} — ${t("tours.calendar.seatsLeft", { count: s.left })}`}>
                          <span className="badge badge-ok">{t("tours.calendar.seatsLeft", { count: s.left })}</span>
                        </Link>
                      ) : (
                        <span className="badge badge-ok">{t("tours.calendar.seatsLeft", { count: s.left })}</span>
                      )
                    ) : (
                      <span className="badge badge-bad">{t("tours.calendar.full")}</span>
                    )}
                  </li>
                ))}
              </ul>
            </div>
          );
        })}
      </div>
    </section>
  );
}
