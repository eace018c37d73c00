// The session roster at the door: confirmed students and the waitlist in order, attendance per meeting.
import type { RegistrationSource } from "#db/schema";
import { onWorkshopAttendanceMarked } from "~/certificates/hooks.server";
import type { Locale } from "~/i18n";
import { compareVietnameseNames } from "~/i18n/format";
import { slipStatusesForSession } from "~/guardians/session-slips.server";
import { localized } from "~/i18n/localized";
import { inTransaction, type DB } from "~/lib/db.server";
import { ok, refuse, type Result } from "~/lib/result";
import { getMeetings, getSession } from "./sessions.server";

export type AttendanceMark = "attended" | "absent";

export interface RosterEntry {
  registrationId: number;
  userId: number;
  fullName: string;
  /** E-mail, or the username of an account made by a teacher. */
  contact: string;
  grade: number | null;
  status: "confirmed" | "waitlisted";
  waitlistPosition: number | null;
  source: RegistrationSource;
  /** Meeting id → mark. */
  attendance: Record<number, AttendanceMark>;
}

export async function getRoster(db: DB, sessionId: number): Promise<{ confirmed: RosterEntry[]; waitlist: RosterEntry[] }> {
  const rows = await db
    .selectFrom("workshop_registrations as r")
    .innerJoin("users as u", "u.id", "r.user_id")
    .select(["r.id", "r.user_id", "r.status", "r.waitlist_position", "r.source", "u.full_name", "u.email", "u.username", "u.grade"])
    .where("r.session_id", "=", sessionId)
    .where("r.status", "in", ["confirmed", "waitlisted"])
    .execute();
  const ids = rows.map((r) => r.id);
  const attendance = ids.length
    ? await db
        .selectFrom("workshop_attendance")
        .select(["registration_id", "meeting_id", "status"])
        .where("registration_id", "in", ids)
        .execute()
    : [];
  const entries: RosterEntry[] = rows.map((r) => ({
    registrationId: r.id,
    userId: r.user_id,
    fullName: r.full_name,
    contact: r.email ?? r.username ?? "",
    grade: r.grade,
    status: r.status === "waitlisted" ? "waitlisted" : "confirmed",
    waitlistPosition: r.waitlist_position,
    source: r.source,
    attendance: Object.fromEntries(attendance.filter((a) => a.registration_id === r.id).map((a) => [a.meeting_id, a.status])),
  }));
  return {
    confirmed: entries.filter((r) => r.status === "confirmed").sort((a, b) => compareVietnameseNames(a.fullName, b.fullName)),
    waitlist: entries.filter((r) => r.status === "waitlisted").sort((a, b) => (a.waitlistPosition ?? 0) - (b.waitlistPosition ?? 0)),
  };
}

/** What /staff/sessions/:id/roster shows: the session, its meetings and both lists; null when there is no such session. */
export async function loadRoster(db: DB, sessionId: number, locale: Locale) {
  const session = await getSession(db, sessionId);
  if (!session) return null;
  const [meetings, roster, slips] = await Promise.all([getMeetings(db, [sessionId]), getRoster(db, sessionId), slipStatusesForSession(db, sessionId)]);
  return {
    session: {
      id: session.id,
      programId: session.program_id,
      title: localized(session, "title", locale),
      room: session.room,
      capacity: session.capacity,
      confirmed: session.confirmed_count,
    },
    meetings: meetings.map((m) => ({ id: m.id, startsAt: m.starts_at, endsAt: m.ends_at })),
    /** Registration id → permission slip status ("none": no slip), or null when the program asks for no slips. */
    slips: slips ? Object.fromEntries(slips) : null,
    ...roster,
  };
}

export type AttendanceRefusal = "notFound";

/** Marks one confirmed student of this session at one of its meetings; the certificate hook runs in the same transaction. */
export async function markAttendance(
  db: DB,
  input: { sessionId: number; registrationId: number; meetingId: number; status: AttendanceMark; markedBy: number; now: string },
): Promise<Result<undefined, AttendanceRefusal>> {
  return inTransaction<Result<undefined, AttendanceRefusal>>(db, async (trx) => {
    const reg = await trx
      .selectFrom("workshop_registrations as r")
      .innerJoin("workshop_sessions as s", "s.id", "r.session_id")
      .innerJoin("workshop_meetings as m", (j) => j.onRef("m.session_id", "=", "s.id").on("m.id", "=", input.meetingId))
      .select(["r.user_id", "s.program_id"])
      .where("r.id", "=", input.registrationId)
      .where("r.session_id", "=", input.sessionId)
      .where("r.status", "=", "confirmed")
      .executeTakeFirst();
    if (!reg) return refuse("notFound");
    const values = { status: input.status, marked_by: input.markedBy, marked_at: input.now };
    await trx
      .insertInto("workshop_attendance")
      .values({ ...values, registration_id: input.registrationId, meeting_id: input.meetingId })
      .onConflict((oc) => oc.columns(["registration_id", "meeting_id"]).doUpdateSet(values))
      .execute();
    await onWorkshopAttendanceMarked(trx, { userId: reg.user_id, programId: reg.program_id, sessionId: input.sessionId, now: input.now });
    return ok();
  });
}

/** Whether a student met the session's attendance threshold (for certificates): attended meetings / all meetings. */
export async function hasMetAttendanceThreshold(db: DB, input: { sessionId: number; userId: number }): Promise<boolean> {
  const row = await db
    .selectFrom("workshop_sessions as s")
    .innerJoin("workshop_registrations as r", (j) => j.onRef("r.session_id", "=", "s.id").on("r.user_id", "=", input.userId))
    .select((eb) => [
      "s.min_attendance_percent",
      eb.selectFrom("workshop_meetings as m").select(eb.fn.countAll<number>().as("n")).whereRef("m.session_id", "=", "s.id").as("meetings"),
      eb
        .selectFrom("workshop_attendance as a")
        .select(eb.fn.countAll<number>().as("n"))
        .whereRef("a.registration_id", "=", "r.id")
        .where("a.status", "=", "attended")
        .as("attended"),
    ])
    .where("s.id", "=", input.sessionId)
    .where("r.status", "=", "confirmed")
    .executeTakeFirst();
  if (!row || !Number(row.meetings)) return false;
  return (Number(row.attended) * 100) / Number(row.meetings) >= row.min_attendance_percent;
}
