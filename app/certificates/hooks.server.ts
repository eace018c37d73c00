// The moments certificates are earned. Courses, workshops and tours call these inside the transaction that made
// the condition true; the certificates capability implements them (until then they do nothing).
import type { DB } from "~/lib/db.server";

/** A learner completed a course (called once, when completed_at is first set). */
export async function onCourseCompleted(_db: DB, _input: { userId: number; programId: number; completedAt: string }): Promise<void> {}

/** Attendance of a workshop session changed for a learner (attended or absent). */
export async function onWorkshopAttendanceMarked(
  _db: DB,
  _input: { userId: number; programId: number; sessionId: number },
): Promise<void> {}

/** A tour booking was completed; members of its linked class (if any) earn participation. */
export async function onTourBookingCompleted(_db: DB, _input: { bookingId: number }): Promise<void> {}
