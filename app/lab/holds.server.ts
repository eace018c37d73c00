// Seats and quota minutes held by bookings: taken by conditional updates, given back when a booking ends early.
import type { LabCancelReason } from "#db/schema";
import { inTransaction, type DB } from "~/lib/db.server";
import { bookingMinutes, slotStartsOf } from "./rules";

export interface HeldBooking {
  id: number;
  resource_id: number;
  user_id: number;
  starts_at: string;
  ends_at: string;
  slots: number;
  week_start: string;
}

/**
 * Cancels a booking that is still `booked` and gives back its seats and quota minutes, in one transaction.
 * False when it was no longer booked (someone else cancelled or checked it in first): nothing changes then.
 */
export async function releaseBooking(db: DB, booking: HeldBooking, input: { reason: LabCancelReason; now: string }): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const res = await trx
      .updateTable("lab_bookings")
      .set({ status: "cancelled", cancel_reason: input.reason, cancelled_at: input.now, updated_at: input.now })
      .where("id", "=", booking.id)
      .where("status", "=", "booked")
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) return false;
    await trx
      .updateTable("lab_slot_holds")
      .set((eb) => ({ taken: eb("taken", "-", 1) }))
      .where("resource_id", "=", booking.resource_id)
      .where("starts_at", "in", slotStartsOf(booking))
      .where("taken", ">", 0)
      .execute();
    const minutes = bookingMinutes(booking);
    await trx
      .updateTable("lab_quota_usage")
      .set((eb) => ({ minutes: eb("minutes", "-", minutes) }))
      .where("resource_id", "=", booking.resource_id)
      .where("user_id", "=", booking.user_id)
      .where("week_start", "=", booking.week_start)
      .where("minutes", ">=", minutes)
      .execute();
    return true;
  });
}
