// The workshops panel of /dashboard (a view from app/workshops/dashboard.server.ts, already in the user's language).
import { Link } from "@remix-run/react";
import { RegistrationBadge } from "~/components/workshops/RegistrationBadge";
import { useFormat, useT } from "~/i18n/react";
import type { WorkshopsDashboardData } from "~/workshops/dashboard.server";

export function WorkshopsPanel({ data }: { data: WorkshopsDashboardData }) {
  const t = useT();
  const f = useFormat();
  if (!data) return null;
  if (data.kind === "staff") {
    return (
      <section className="card" aria-labelledby="workshops-panel">
        <h2 id="workshops-panel" className="text-lg font-semibold">
          {t("workshops.dashboard.today")}
        </h2>
        {data.sessions.length === 0 ? <p className="mt-2">{t("workshops.dashboard.noneToday")}</p> : null}
        <ul className="mt-2 space-y-2">
          {data.sessions.map((s) => (
            <li key={`${s.sessionId}-${s.startsAt}`}>
              <Link to={`/staff/sessions/${s.sessionId}/roster`}>{s.title}</Link> — {f.time(s.startsAt)}, {s.room} (
              {s.confirmed}/{s.capacity})
            </li>
          ))}
        </ul>
      </section>
    );
  }
  return (
    <section className="card" aria-labelledby="workshops-panel">
      <h2 id="workshops-panel" className="text-lg font-semibold">
        {t("workshops.dashboard.mine")}
      </h2>
      {data.sessions.length === 0 ? <p className="mt-2">{t("workshops.dashboard.none")}</p> : null}
      <ul className="mt-2 space-y-2">
        {data.sessions.map((s) => (
          <li key={s.registrationId}>
            <Link to={`/workshops/${s.slug}`}>{s.title}</Link> — {f.dateTime(s.startsAt)}, {s.room}{" "}
            <RegistrationBadge status={s.status} position={s.position} />
          </li>
        ))}
      </ul>
      <p className="mt-3">
        <Link to="/schedule">{t("workshops.dashboard.schedule")}</Link>
      </p>
    </section>
  );
}
