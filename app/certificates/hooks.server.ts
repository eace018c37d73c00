// The moments certificates are earned. Courses, workshops and tours call these inside the transaction that made
// the condition true, so a certificate exists exactly when the condition does.
import { sql } from "kysely";
import type { DB } from "~/lib/db.server";
import { hoursBetween } from "~/lib/dialect.server";
import { issueCertificate, issueCertificatesToMany } from "./issue.server";

/** A learner completed a course (called once, when completed_at is first set). */
export async function onCourseCompleted(db: DB, input: { userId: number; programId: number; completedAt: string }): Promise<void> {
  const course = await db.selectFrom("courses").select("estimated_hours").where("program_id", "=", input.programId).executeTakeFirst();
  await issueCertificate(db, {
    userId: input.userId,
    programId: input.programId,
    kind: "course",
    hours: course?.estimated_hours ?? null,
    issuedAt: input.completedAt,
    sourceRef: `course:${input.programId}`,
    now: input.completedAt,
  });
}

/**
 * What a learner attended of one workshop session: meetings attended, meetings in total, the session's threshold
 * and its total hours. Null when the learner has no confirmed registration for that session of that program.
 */
export async function workshopAttendanceOf(db: DB, input: { userId: number; programId: number; sessionId: number }) {
  const row = await db
    .selectFrom("workshop_registrations as r")
    .innerJoin("workshop_sessions as s", "s.id", "r.session_id")
    .select((eb) => [
      "r.id as registrationId",
      "s.min_attendance_percent as minPercent",
      eb
        .selectFrom("workshop_meetings as m")
        .select((e) => e.fn.countAll<number>().as("n"))
        .whereRef("m.session_id", "=", "s.id")
        .as("meetings"),
      eb
        .selectFrom("workshop_meetings as m")
        .select((e) => e.fn.sum<number>(hoursBetween(db, sql.ref("m.starts_at"), sql.ref("m.ends_at"))).as("h"))
        .whereRef("m.session_id", "=", "s.id")
        .as("hours"),
      eb
        .selectFrom("workshop_attendance as a")
        .innerJoin("workshop_meetings as m", "m.id", "a.meeting_id")
        .select((e) => e.fn.countAll<number>().as("n"))
        .whereRef("a.registration_id", "=", "r.id")
        .whereRef("m.session_id", "=", "s.id")
        .where("a.status", "=", "attended")
        .as("attended"),
    ])
    .where("r.session_id", "=", input.sessionId)
    .where("r.user_id", "=", input.userId)
    .where("r.status", "=", "confirmed")
    .where("s.program_id", "=", input.programId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    meetings: Number(row.meetings ?? 0),
    attended: Number(row.attended ?? 0),
    minPercent: Number(row.minPercent),
    hours: row.hours === null || row.hours === undefined ? null : Math.round(Number(row.hours) * 10) / 10,
  };
}

/** Attendance of a workshop session changed for a learner: issue once attendance reaches the session's threshold. */
export async function onWorkshopAttendanceMarked(
  db: DB,
  input: { userId: number; programId: number; sessionId: number; now: string },
): Promise<void> {
  const a = await workshopAttendanceOf(db, input);
  if (!a || a.meetings === 0) return;
  // Integer arithmetic: attended/meetings >= minPercent/100 without rounding surprises.
  if (a.attended * 100 < a.minPercent * a.meetings) return;
  await issueCertificate(db, {
    userId: input.userId,
    programId: input.programId,
    kind: "workshop",
    hours: a.hours,
    sourceRef: `session:${input.sessionId}`,
    now: input.now,
  });
}

/**
 * A tour booking was completed; the students listed on it (the class's students when it was confirmed, as staff
 * adjusted them on completion) earn participation if the tour offers it. Who joined the class later does not.
 */
export async function onTourBookingCompleted(db: DB, input: { bookingId: number; now: string }): Promise<void> {
  const booking = await db
    .selectFrom("tour_bookings as b")
    .innerJoin("tours as t", "t.program_id", "b.program_id")
    .select(["b.id", "b.program_id", "b.class_id", "b.status", "t.participation_certificates", "t.duration_minutes"])
    .where("b.id", "=", input.bookingId)
    .executeTakeFirst();
  if (!booking || booking.status !== "completed" || !booking.class_id || !booking.participation_certificates) return;
  const members = await db
    .selectFrom("tour_booking_students as l")
    .innerJoin("users as u", "u.id", "l.student_id")
    .select("l.student_id")
    .where("l.booking_id", "=", booking.id)
    .where("u.role", "=", "student")
    .execute();
  const hours = Math.round((booking.duration_minutes / 60) * 10) / 10;
  await issueCertificatesToMany(db, {
    userIds: members.map((m) => m.student_id),
    programId: booking.program_id,
    kind: "tour",
    hours,
    sourceRef: `booking:${booking.id}`,
    now: input.now,
  });
}
