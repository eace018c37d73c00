// One session on a workshop page: meetings, room, instructor, seats left, and the student's register/cancel button.
import { Form, Link, useLocation, useNavigation } from "@remix-run/react";
import { useFormat, useT } from "~/i18n/react";
import type { WorkshopPageData } from "~/workshops/program-page.server";
import { RegistrationBadge } from "./RegistrationBadge";

type Session = WorkshopPageData["sessions"][number];

export function MeetingList({ meetings }: { meetings: { startsAt: string; endsAt: string }[] }) {
  const f = useFormat();
  return (
    <ul className="space-y-0.5">
      {meetings.map((m) => (
        <li key={m.startsAt}>
          {f.longDate(m.startsAt)}, {f.time(m.startsAt)}–{f.time(m.endsAt)}
        </li>
      ))}
    </ul>
  );
}

export function SeatsText({ seatsLeft }: { seatsLeft: number }) {
  const t = useT();
  return seatsLeft > 0 ? (
    <span className="badge badge-ok">{t("workshops.seatsLeft", { count: seatsLeft })}</span>
  ) : (
    <span className="badge badge-warn">{t("workshops.full")}</span>
  );
}

export function SessionCard({
  session: s,
  canRegister,
  signedIn,
  staff = false,
}: {
  session: Session;
  canRegister: boolean;
  signedIn: boolean;
  staff?: boolean;
}) {
  const t = useT();
  const f = useFormat();
  const busy = useNavigation().state === "submitting";
  const { pathname } = useLocation();
  // Where log-in and sign-up bring an anonymous visitor back to: this card, with its register button in reach.
  const back = `${pathname}#session-${s.id}`;
  const active = s.registration && (s.registration.status === "confirmed" || s.registration.status === "waitlisted");
  return (
    <article className="card space-y-2" id={`session-${s.id}`} data-testid={`session-${s.id}`} aria-label={t("workshops.sessionOn", { date: f.date(s.startsAt) })}>
      <MeetingList meetings={s.meetings} />
      <p>
        {t("workshops.room")}: {s.room}
        {s.instructorName ? ` · ${t("workshops.instructor")}: ${s.instructorName}` : ""}
      </p>
      <p data-testid="seats">
        <SeatsText seatsLeft={s.seatsLeft} /> {s.waitlistCount > 0 ? t("workshops.waitlistCount", { count: s.waitlistCount }) : null}
      </p>
      {s.registrationClosesAt ? <p className="text-sm">{t("workshops.closesAt", { date: f.dateTime(s.registrationClosesAt) })}</p> : null}
      {s.cancellationDeadline ? <p className="text-sm">{t("workshops.cancelUntil", { date: f.dateTime(s.cancellationDeadline) })}</p> : null}
      {s.registration ? (
        <p>
          {t("workshops.yourRegistration")}: <RegistrationBadge status={s.registration.status} position={s.registration.position} />
        </p>
      ) : null}
      {active && s.registration ? (
        <p className="flex flex-wrap gap-3">
          <Link to={`/registrations/${s.registration.id}`}>{t("confirmation.title")}</Link>
          {s.registration.cancellable ? (
            <Link to={`/registrations/${s.registration.id}/cancel`} className="btn-outline-danger">
              {s.registration.status === "waitlisted" ? t("workshops.leaveWaitlist") : t("workshops.cancel")}
            </Link>
          ) : null}
        </p>
      ) : null}
      {!active && canRegister && s.open ? (
        <Form method="post">
          <input type="hidden" name="intent" value="register" />
          <input type="hidden" name="sessionId" value={s.id} />
          <button type="submit" className="btn" disabled={busy}>
            {s.seatsLeft > 0 ? t("workshops.register") : t("workshops.joinWaitlist")}
          </button>
        </Form>
      ) : null}
      {!s.open && !active ? <p className="text-sm">{t("workshops.registrationClosed")}</p> : null}
      {!signedIn && s.open ? (
        <p>
          <Link to={`/login?redirectTo=${encodeURIComponent(back)}`} className="btn" data-testid="login-to-register">
            {t("workshops.loginToRegister")}
          </Link>
        </p>
      ) : null}
      {staff ? (
        <p>
          <Link to={`/staff/sessions/${s.id}/roster`}>{t("workshops.staff.roster")}</Link>
        </p>
      ) : null}
    </article>
  );
}
