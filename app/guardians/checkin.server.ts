// Day-of check-in (issue 16): on the visit day (Vietnam date of the slot), staff or the class's teachers tap each
// cleared student (a slip answered yes) as they arrive; the count of checked-in students is what the group really
// brought. Works without JavaScript (one small form per student).
import { recordAudit } from "~/lib/audit.server";
import { inTransaction, type DB } from "~/lib/db.server";
import { ok, refuse, type Result } from "~/lib/result";
import { isoToVnLocal } from "~/lib/time";

/** The cleared students of a booking with their check-in time, and whether today is the visit day. */
export async function loadCheckIn(db: DB, input: { bookingId: number; now: string }) {
  const booking = await db
    .selectFrom("tour_bookings as b")
    .innerJoin("tour_slots as s", "s.id", "b.slot_id")
    .select(["b.id", "b.status", "s.starts_at"])
    .where("b.id", "=", input.bookingId)
    .executeTakeFirst();
  if (!booking) return null;
  const students = await db
    .selectFrom("tour_booking_students as bs")
    .innerJoin("permission_slips as ps", (j) => j.onRef("ps.booking_id", "=", "bs.booking_id").onRef("ps.student_id", "=", "bs.student_id"))
    .innerJoin("users as u", "u.id", "bs.student_id")
    .select(["u.id", "u.full_name as fullName", "u.name_key", "bs.checked_in_at as checkedInAt", "ps.emergency_phone as emergencyPhone"])
    .where("bs.booking_id", "=", input.bookingId)
    .where("ps.status", "=", "yes")
    .orderBy("u.name_key")
    .limit(1000)
    .execute();
  return {
    visitDay: booking.status === "confirmed" && isoToVnLocal(booking.starts_at).date === isoToVnLocal(input.now).date,
    startsAt: booking.starts_at,
    students: students.map(({ name_key: _k, ...s }) => s),
    checkedIn: students.filter((s) => s.checkedInAt !== null).length,
  };
}

export type CheckInRefusal = "notFound" | "notVisitDay";

/** Checks a cleared student in (or out again); only on the visit day of a confirmed booking. */
export async function setCheckIn(
  db: DB,
  input: { bookingId: number; studentId: number; present: boolean; actor: { userId: number; ip: string }; now: string },
): Promise<Result<undefined, CheckInRefusal>> {
  return inTransaction(db, async (trx) => {
    const row = await trx
      .selectFrom("tour_booking_students as bs")
      .innerJoin("permission_slips as ps", (j) => j.onRef("ps.booking_id", "=", "bs.booking_id").onRef("ps.student_id", "=", "bs.student_id"))
      .innerJoin("tour_bookings as b", "b.id", "bs.booking_id")
      .innerJoin("tour_slots as s", "s.id", "b.slot_id")
      .select(["b.status", "s.starts_at"])
      .where("bs.booking_id", "=", input.bookingId)
      .where("bs.student_id", "=", input.studentId)
      .where("ps.status", "=", "yes")
      .executeTakeFirst();
    if (!row) return refuse("notFound");
    if (row.status !== "confirmed" || isoToVnLocal(row.starts_at).date !== isoToVnLocal(input.now).date) return refuse("notVisitDay");
    await trx
      .updateTable("tour_booking_students")
      .set(input.present ? { checked_in_at: input.now, checked_in_by: input.actor.userId } : { checked_in_at: null, checked_in_by: null })
      .where("booking_id", "=", input.bookingId)
      .where("student_id", "=", input.studentId)
      .execute();
    await recordAudit(trx, {
      actor: input.actor,
      action: "slip.checkIn",
      subject: { type: "tour_booking", id: input.bookingId },
      details: { studentId: input.studentId, present: input.present },
      now: input.now,
    });
    return ok();
  });
}
