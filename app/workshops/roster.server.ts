// The session roster at the door: confirmed students and the waitlist in order, attendance per meeting.
import { onWorkshopAttendanceMarked } from "~/certificates/hooks.server";
import type { DB } from "~/lib/db.server";
import { compareVietnameseNames } from "~/i18n/format";
import { nowIso } from "~/lib/time";
import { inTransaction } from "~/lib/db.server";

export async function getRoster(db: DB, sessionId: number) {
  const rows = await db
    .selectFrom("workshop_registrations as r")
    .innerJoin("users as u", "u.id", "r.user_id")
    .select(["r.id", "r.user_id", "r.status", "r.waitlist_position", "r.source", "r.created_at", "u.full_name", "u.email", "u.username", "u.grade"])
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
  const withAttendance = rows.map((r) => ({
    ...r,
    attendance: Object.fromEntries(attendance.filter((a) => a.registration_id === r.id).map((a) => [a.meeting_id, a.status])) as Record<
      number,
      "attended" | "absent"
    >,
  }));
  return {
    confirmed: withAttendance.filter((r) => r.status === "confirmed").sort((a, b) => compareVietnameseNames(a.full_name, b.full_name)),
    waitlist: withAttendance.filter((r) => r.status === "waitlisted").sort((a, b) => (a.waitlist_position ?? 0) - (b.waitlist_position ?? 0)),
  };
}

export type MarkResult = "ok" | "notFound";

/** Marks one student at one meeting; the certificate hook runs in the same transaction. */
export async function markAttendance(
  db: DB,
  input: { sessionId: number; registrationId: number; meetingId: number; status: "attended" | "absent"; markedBy: number },
): Promise<MarkResult> {
  return inTransaction(db, async (trx) => {
    const reg = await trx
      .selectFrom("workshop_registrations as r")
      .innerJoin("workshop_sessions as s", "s.id", "r.session_id")
      .innerJoin("workshop_meetings as m", (j) => j.onRef("m.session_id", "=", "s.id").on("m.id", "=", input.meetingId))
      .select(["r.user_id", "s.program_id"])
      .where("r.id", "=", input.registrationId)
      .where("r.session_id", "=", input.sessionId)
      .where("r.status", "=", "confirmed")
      .executeTakeFirst();
    if (!reg) return "notFound";
    const values = { status: input.status, marked_by: input.markedBy, marked_at: nowIso() };
    await trx
      .insertInto("workshop_attendance")
      .values({ ...values, registration_id: input.registrationId, meeting_id: input.meetingId })
      .onConflict((oc) => oc.columns(["registration_id", "meeting_id"]).doUpdateSet(values))
      .execute();
    await onWorkshopAttendanceMarked(trx, { userId: reg.user_id, programId: reg.program_id, sessionId: input.sessionId, now: values.marked_at });
    return "ok";
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
