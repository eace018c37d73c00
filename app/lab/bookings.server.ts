// Booking lab resources by the slot: every rule is checked here; seats and weekly quota are taken by conditional
// updates inside one transaction, so no slot is ever double-booked and no quota overrun, on either store.
import type { LabBookingStatus, Role } from "#db/schema";
import type { Locale } from "~/i18n";
import { localized } from "~/i18n/localized";
import { inTransaction, type DB } from "~/lib/db.server";
import { ok, refuse, type Params, type Result } from "~/lib/result";
import { isoToVnLocal, vnYear } from "~/lib/time";
import { missingCredentials } from "./credentials.server";
import { releaseBooking } from "./holds.server";
import { getResource, openingHoursOf } from "./resources.server";
import { consecutiveSlots, mayBookKind, tooYoung, weekStartOf } from "./rules";

export type BookRefusal =
  | "notFound"
  | "notAllowed"
  | "tooManySlots"
  | "past"
  | "outsideHours"
  | "closedDay"
  | "outOfService"
  | "tooYoung"
  | "credentialMissing"
  | "slotTaken"
  | "quotaUsed"
  | "overlap";

export interface Booker {
  id: number;
  role: Role;
}

/** Thrown inside the transaction to roll back what was already taken; turned into a refusal outside it. */
class Rollback extends Error {
  constructor(readonly reason: BookRefusal, readonly params?: Params) {
    super(reason);
  }
}

/** Whether a local date is closed for this resource (or for the whole lab). */
async function closedOn(db: DB, resourceId: number, date: string): Promise<boolean> {
  const row = await db
    .selectFrom("lab_closed_dates")
    .select("id")
    .where("date", "=", date)
    .where((eb) => eb.or([eb("resource_id", "=", resourceId), eb("resource_id", "is", null)]))
    .executeTakeFirst();
  return !!row;
}

/** An outage of the resource overlapping [from, to), if any. */
export async function outageDuring(db: DB, resourceId: number, from: string, to: string) {
  return (
    (await db
      .selectFrom("lab_outages")
      .select(["id", "reason", "ends_at"])
      .where("resource_id", "=", resourceId)
      .where("starts_at", "<", to)
      .where("ends_at", ">", from)
      .orderBy("starts_at")
      .executeTakeFirst()) ?? null
  );
}

/**
 * Books `slots` consecutive slots of a resource from `startsAt` for the user. Refuses with the reason (and the way
 * forward in its parameters) when the person may not, the time is not bookable, or the slot or quota is taken.
 */
export async function bookSlots(
  db: DB,
  input: { user: Booker; resourceId: number; startsAt: string; slots: number; now: string; locale: Locale },
): Promise<Result<{ bookingId: number }, BookRefusal>> {
  const { user, now } = input;
  const resource = await getResource(db, input.resourceId);
  if (!resource || resource.status !== "active") return refuse("notFound");
  if (!mayBookKind(user.role, resource.kind)) return refuse("notAllowed");
  if (input.slots < 1 || input.slots > resource.max_slots_per_booking) return refuse("tooManySlots", { params: { count: resource.max_slots_per_booking } });
  const startsAt = new Date(input.startsAt).toISOString();
  if (startsAt <= now) return refuse("past");
  const starts = consecutiveSlots(await openingHoursOf(db, resource.id), resource.slot_minutes, startsAt, input.slots);
  if (!starts) return refuse("outsideHours");
  const endsAt = new Date(Date.parse(startsAt) + input.slots * resource.slot_minutes * 60_000).toISOString();
  if (await closedOn(db, resource.id, isoToVnLocal(startsAt).date)) return refuse("closedDay");
  const outage = await outageDuring(db, resource.id, startsAt, endsAt);
  if (outage) return refuse("outOfService", { params: { reason: outage.reason } });
  const person = await db.selectFrom("users").select(["role", "grade", "birth_year"]).where("id", "=", user.id).executeTakeFirstOrThrow();
  if (tooYoung(resource, person, vnYear(now))) {
    return refuse("tooYoung", { params: { grade: resource.min_grade ?? "-", age: resource.min_age ?? "-" } });
  }
  const missing = await missingCredentials(db, user.id, resource.id, input.locale);
  if (missing.length > 0) return refuse("credentialMissing", { params: { programs: missing.map((m) => m.title).join(", ") } });

  const weekStart = weekStartOf(startsAt);
  const minutes = input.slots * resource.slot_minutes;
  const limit = resource.max_hours_per_week === null ? null : resource.max_hours_per_week * 60;
  try {
    return await inTransaction(db, async (trx) => {
      // Seats: one hold row per slot start, then all of them taken at once only where a seat is left.
      await trx
        .insertInto("lab_slot_holds")
        .values(starts.map((s) => ({ resource_id: resource.id, starts_at: s, taken: 0 })))
        .onConflict((oc) => oc.columns(["resource_id", "starts_at"]).doNothing())
        .execute();
      const held = await trx
        .updateTable("lab_slot_holds")
        .set((eb) => ({ taken: eb("taken", "+", 1) }))
        .where("resource_id", "=", resource.id)
        .where("starts_at", "in", starts)
        .where((eb) => eb("taken", "<", eb.selectFrom("lab_resources").select("capacity").where("id", "=", resource.id)))
        .executeTakeFirst();
      if (Number(held.numUpdatedRows) !== starts.length) throw new Rollback("slotTaken");
      // The person's own overlapping booking of this resource (a room has several seats).
      const mine = await trx
        .selectFrom("lab_bookings")
        .select("id")
        .where("resource_id", "=", resource.id)
        .where("user_id", "=", user.id)
        .where("status", "in", ["booked", "checked_in"])
        .where("starts_at", "<", endsAt)
        .where("ends_at", ">", startsAt)
        .executeTakeFirst();
      if (mine) throw new Rollback("overlap");
      // Weekly quota: minutes used this week, never past the limit.
      await trx
        .insertInto("lab_quota_usage")
        .values({ resource_id: resource.id, user_id: user.id, week_start: weekStart, minutes: 0 })
        .onConflict((oc) => oc.columns(["resource_id", "user_id", "week_start"]).doNothing())
        .execute();
      const used = await trx
        .updateTable("lab_quota_usage")
        .set((eb) => ({ minutes: eb("minutes", "+", minutes) }))
        .where("resource_id", "=", resource.id)
        .where("user_id", "=", user.id)
        .where("week_start", "=", weekStart)
        .$if(limit !== null, (q) => q.where((eb) => eb(eb("minutes", "+", minutes), "<=", limit as number)))
        .executeTakeFirst();
      if (Number(used.numUpdatedRows) !== 1) throw new Rollback("quotaUsed", { count: resource.max_hours_per_week ?? 0 });
      const row = await trx
        .insertInto("lab_bookings")
        .values({
          resource_id: resource.id,
          user_id: user.id,
          starts_at: startsAt,
          ends_at: endsAt,
          slots: input.slots,
          week_start: weekStart,
          status: "booked",
          cancel_reason: null,
          created_at: now,
          updated_at: now,
          cancelled_at: null,
          checked_in_at: null,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      return ok({ bookingId: row.id });
    });
  } catch (e) {
    if (e instanceof Rollback) return refuse(e.reason, e.params ? { params: e.params } : {});
    throw e;
  }
}

export type CancelRefusal = "notFound" | "notActive" | "started";

/** The person cancels their own booking before it starts; seats and quota are given back. */
export async function cancelMyBooking(db: DB, input: { bookingId: number; userId: number; now: string }): Promise<Result<undefined, CancelRefusal>> {
  const b = await db.selectFrom("lab_bookings").selectAll().where("id", "=", input.bookingId).where("user_id", "=", input.userId).executeTakeFirst();
  if (!b) return refuse("notFound");
  if (b.status !== "booked") return refuse("notActive");
  if (b.starts_at <= input.now) return refuse("started");
  if (!(await releaseBooking(db, b, { reason: "user", now: input.now }))) return refuse("notActive");
  return ok();
}

export interface MyBookingView {
  id: number;
  resourceSlug: string;
  resourceName: string;
  location: string;
  startsAt: string;
  endsAt: string;
  status: LabBookingStatus;
  cancelReason: string | null;
  cancellable: boolean;
}

export const MY_BOOKINGS_PAGE_SIZE = 20;

/** The person's bookings, upcoming first then past, paginated (index lab_bookings_user_idx). */
export async function listMyBookings(db: DB, input: { userId: number; locale: Locale; now: string; page: number }) {
  const rows = await db
    .selectFrom("lab_bookings as b")
    .innerJoin("lab_resources as r", "r.id", "b.resource_id")
    .select(["b.id", "b.starts_at", "b.ends_at", "b.status", "b.cancel_reason", "r.slug", "r.name_vi", "r.name_en", "r.location"])
    .where("b.user_id", "=", input.userId)
    .orderBy("b.starts_at", "desc")
    .orderBy("b.id", "desc")
    .limit(MY_BOOKINGS_PAGE_SIZE + 1)
    .offset((input.page - 1) * MY_BOOKINGS_PAGE_SIZE)
    .execute();
  const items: MyBookingView[] = rows.slice(0, MY_BOOKINGS_PAGE_SIZE).map((r) => ({
    id: r.id,
    resourceSlug: r.slug,
    resourceName: localized(r, "name", input.locale),
    location: r.location,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    status: r.status,
    cancelReason: r.cancel_reason,
    cancellable: r.status === "booked" && r.starts_at > input.now,
  }));
  return { items, hasMore: rows.length > MY_BOOKINGS_PAGE_SIZE };
}

/** One of the person's own bookings (another person's is not found). */
export async function getMyBooking(db: DB, input: { bookingId: number; userId: number; locale: Locale }) {
  const r = await db
    .selectFrom("lab_bookings as b")
    .innerJoin("lab_resources as res", "res.id", "b.resource_id")
    .select(["b.id", "b.starts_at", "b.ends_at", "b.status", "res.slug", "res.name_vi", "res.name_en", "res.location"])
    .where("b.id", "=", input.bookingId)
    .where("b.user_id", "=", input.userId)
    .executeTakeFirst();
  if (!r) return null;
  return { id: r.id, startsAt: r.starts_at, endsAt: r.ends_at, status: r.status, resourceName: localized(r, "name", input.locale), location: r.location, resourceSlug: r.slug };
}
