// At the lab: today's sheet per resource, check-in / no-show, a note per use. A no-show's hours are added to
// the person's quota of the following week when the resource says so (no_show_penalty).
import type { LabBookingStatus } from "#db/schema";
import type { Locale } from "~/i18n";
import { localized } from "~/i18n/localized";
import { inTransaction, type DB } from "~/lib/db.server";
import { ok, refuse, type Result } from "~/lib/result";
import { vnLocalToIso } from "~/lib/time";
import { addDays, bookingMinutes } from "./rules";

export async function loadDaySheet(db: DB, input: { date: string; locale: Locale }) {
  const from = vnLocalToIso(input.date, "00:00");
  const to = vnLocalToIso(addDays(input.date, 1), "00:00");
  const [resources, bookings] = await Promise.all([
    db.selectFrom("lab_resources").select(["id", "name_vi", "name_en", "kind", "location"]).where("status", "=", "active").orderBy("kind").orderBy("name_vi").execute(),
    db
      .selectFrom("lab_bookings as b")
      .innerJoin("users as u", "u.id", "b.user_id")
      .select(["b.id", "b.resource_id", "b.starts_at", "b.ends_at", "b.status", "b.note", "u.full_name", "u.email", "u.username"])
      .where("b.starts_at", ">=", from)
      .where("b.starts_at", "<", to)
      .where("b.status", "!=", "cancelled")
      .orderBy("b.starts_at")
      .execute(),
  ]);
  return {
    date: input.date,
    prev: addDays(input.date, -1),
    next: addDays(input.date, 1),
    resources: resources.map((r) => ({
      id: r.id,
      name: localized(r, "name", input.locale),
      kind: r.kind,
      location: r.location,
      bookings: bookings
        .filter((b) => b.resource_id === r.id)
        .map((b) => ({ id: b.id, startsAt: b.starts_at, endsAt: b.ends_at, status: b.status, note: b.note, person: b.full_name, login: b.email ?? b.username ?? "" })),
    })),
  };
}

export type AttendanceRefusal = "notFound" | "notBooked" | "notStarted";

/**
 * Marks a booking checked in or no-show (from `booked` only: a decision is not made twice). A no-show on a
 * resource with the penalty adds the booking's minutes to the person's usage of the next week.
 */
export async function markAttendance(
  db: DB,
  input: { bookingId: number; status: Extract<LabBookingStatus, "checked_in" | "no_show">; now: string },
): Promise<Result<undefined, AttendanceRefusal>> {
  const b = await db
    .selectFrom("lab_bookings as b")
    .innerJoin("lab_resources as r", "r.id", "b.resource_id")
    .select(["b.id", "b.resource_id", "b.user_id", "b.starts_at", "b.ends_at", "b.week_start", "b.status", "r.no_show_penalty"])
    .where("b.id", "=", input.bookingId)
    .executeTakeFirst();
  if (!b) return refuse("notFound");
  if (b.status !== "booked") return refuse("notBooked");
  // A no-show is known only once the slot has begun; check-in is whenever the person turns up.
  if (input.status === "no_show" && b.starts_at > input.now) return refuse("notStarted");
  return inTransaction(db, async (trx): Promise<Result<undefined, AttendanceRefusal>> => {
    const res = await trx
      .updateTable("lab_bookings")
      .set({ status: input.status, checked_in_at: input.status === "checked_in" ? input.now : null, updated_at: input.now })
      .where("id", "=", b.id)
      .where("status", "=", "booked")
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) return refuse("notBooked");
    if (input.status === "no_show" && b.no_show_penalty === 1) {
      const nextWeek = addDays(b.week_start, 7);
      const minutes = bookingMinutes(b);
      await trx
        .insertInto("lab_quota_usage")
        .values({ resource_id: b.resource_id, user_id: b.user_id, week_start: nextWeek, minutes })
        .onConflict((oc) => oc.columns(["resource_id", "user_id", "week_start"]).doUpdateSet((eb) => ({ minutes: eb("lab_quota_usage.minutes", "+", minutes) })))
        .execute();
    }
    return ok();
  });
}

export async function saveUseNote(db: DB, input: { bookingId: number; note: string; now: string }): Promise<Result<undefined, "notFound">> {
  const res = await db.updateTable("lab_bookings").set({ note: input.note, updated_at: input.now }).where("id", "=", input.bookingId).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1 ? ok() : refuse("notFound");
}
