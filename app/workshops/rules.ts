// The pure rules of a registration, shared by what the pages show and what registration.server.ts allows, so the
// button on the page and the answer to pressing it can never disagree. No database, no clock: `now` is given.

/** Where a session stands for new registrations at an instant; anything but "open" is also a refusal reason. */
export type RegistrationWindow = "open" | "started" | "notOpen" | "closed";

export interface SessionTimes {
  startsAt: string;
  registrationOpensAt: string | null;
  registrationClosesAt: string | null;
}

/** Open from `registrationOpensAt` (if any) until `registrationClosesAt` (if any), and never once the session started. */
export function registrationWindow(session: SessionTimes, now: string): RegistrationWindow {
  if (now >= session.startsAt) return "started";
  if (session.registrationOpensAt && now < session.registrationOpensAt) return "notOpen";
  if (session.registrationClosesAt && now >= session.registrationClosesAt) return "closed";
  return "open";
}

/** Whether a student may still cancel: waitlisted until the start, confirmed until the deadline (or the start). */
export function canCancel(
  status: string,
  session: { startsAt: string; cancellationDeadline: string | null },
  now: string,
): boolean {
  if (status === "waitlisted") return now < session.startsAt;
  if (status !== "confirmed") return false;
  return now < (session.cancellationDeadline ?? session.startsAt) && now < session.startsAt;
}

/** Only students register for workshops (staff and teachers see the sessions, teachers register a class). */
export function mayRegister(user: { role: string } | null | undefined): boolean {
  return user?.role === "student";
}
