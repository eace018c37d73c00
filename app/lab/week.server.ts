// The resource page: a week of slots (free, taken, yours, past, closed, out of service) and whether the reader
// may book, with the trainings that unlock the resource. Five queries whatever the week holds.
import type { Role } from "#db/schema";
import type { Locale } from "~/i18n";
import { localized } from "~/i18n/localized";
import type { DB } from "~/lib/db.server";
import { vnLocalToIso, vnYear } from "~/lib/time";
import { heldPrograms, programPath, requiredProgramsOf } from "./credentials.server";
import { openingHoursOf, type ResourceRow } from "./resources.server";
import { addDays, isoWeekday, mayBookKind, slotTimesOfDay, tooYoung, weekRangeIso } from "./rules";

export type SlotState = "free" | "full" | "mine" | "past" | "outOfService";
export type Eligibility = "anonymous" | "notAllowed" | "tooYoung" | "credentialMissing" | "ok";

export interface WeekReader {
  id: number;
  role: Role;
}

export async function loadResourceWeek(db: DB, input: { resource: ResourceRow; monday: string; user: WeekReader | null; now: string; locale: Locale }) {
  const { resource: r, monday, user, now, locale } = input;
  const range = weekRangeIso(monday);
  const [hours, holds, outages, closed, mine, required] = await Promise.all([
    openingHoursOf(db, r.id),
    db.selectFrom("lab_slot_holds").select(["starts_at", "taken"]).where("resource_id", "=", r.id).where("starts_at", ">=", range.from).where("starts_at", "<", range.to).execute(),
    db.selectFrom("lab_outages").select(["starts_at", "ends_at", "reason"]).where("resource_id", "=", r.id).where("starts_at", "<", range.to).where("ends_at", ">", range.from).execute(),
    db
      .selectFrom("lab_closed_dates")
      .select(["date", "reason"])
      .where("date", ">=", monday)
      .where("date", "<", addDays(monday, 7))
      .where((eb) => eb.or([eb("resource_id", "=", r.id), eb("resource_id", "is", null)]))
      .execute(),
    user
      ? db
          .selectFrom("lab_bookings")
          .select(["id", "starts_at", "ends_at"])
          .where("user_id", "=", user.id)
          .where("resource_id", "=", r.id)
          .where("status", "in", ["booked", "checked_in"])
          .where("starts_at", ">=", range.from)
          .where("starts_at", "<", range.to)
          .execute()
      : Promise.resolve([]),
    requiredProgramsOf(db, [r.id]),
  ]);
  const taken = new Map(holds.map((h) => [h.starts_at, h.taken]));
  const closedDates = new Map(closed.map((c) => [c.date, c.reason]));
  const days = Array.from({ length: 7 }, (_, i) => {
    const date = addDays(monday, i);
    const closedReason = closedDates.get(date);
    const slots = closedReason !== undefined
      ? []
      : slotTimesOfDay(hours, isoWeekday(date), r.slot_minutes).map((time) => {
          const startsAt = vnLocalToIso(date, time);
          const endsAt = new Date(Date.parse(startsAt) + r.slot_minutes * 60_000).toISOString();
          const left = r.capacity - (taken.get(startsAt) ?? 0);
          let state: SlotState = "free";
          if (mine.some((b) => b.starts_at <= startsAt && startsAt < b.ends_at)) state = "mine";
          else if (startsAt <= now) state = "past";
          else if (outages.some((o) => o.starts_at < endsAt && o.ends_at > startsAt)) state = "outOfService";
          else if (left <= 0) state = "full";
          return { startsAt, time, state, left: Math.max(0, left) };
        });
    return { date, closed: closedReason !== undefined, closedReason: closedReason ?? null, slots };
  });

  let eligibility: Eligibility = "ok";
  let held = new Set<number>();
  let usedMinutes = 0;
  if (!user) eligibility = "anonymous";
  else {
    held = await heldPrograms(db, user.id, required.map((p) => p.id));
    const person = await db.selectFrom("users").select(["role", "grade", "birth_year"]).where("id", "=", user.id).executeTakeFirstOrThrow();
    const usage = await db
      .selectFrom("lab_quota_usage")
      .select("minutes")
      .where("resource_id", "=", r.id)
      .where("user_id", "=", user.id)
      .where("week_start", "=", monday)
      .executeTakeFirst();
    usedMinutes = usage?.minutes ?? 0;
    if (!mayBookKind(user.role, r.kind)) eligibility = "notAllowed";
    else if (tooYoung(r, person, vnYear(now))) eligibility = "tooYoung";
    else if (required.some((p) => !held.has(p.id))) eligibility = "credentialMissing";
  }

  return {
    resource: {
      id: r.id,
      slug: r.slug,
      kind: r.kind,
      name: localized(r, "name", locale),
      description: localized(r, "description", locale),
      location: r.location,
      photoUrl: r.photo_path ? `/lab/photos/${r.photo_path}` : null,
      capacity: r.capacity,
      slotMinutes: r.slot_minutes,
      maxSlots: r.max_slots_per_booking,
      maxHoursPerWeek: r.max_hours_per_week,
      minGrade: r.min_grade,
      minAge: r.min_age,
    },
    week: { monday, prev: addDays(monday, -7), next: addDays(monday, 7), days },
    outages: outages.map((o) => ({ startsAt: o.starts_at, endsAt: o.ends_at, reason: o.reason })),
    trainings: required.map((p) => ({ programId: p.id, title: localized(p, "title", locale), path: programPath(p), held: held.has(p.id) })),
    eligibility,
    usedHours: Math.round((usedMinutes / 60) * 10) / 10,
  };
}

export type ResourceWeekView = Awaited<ReturnType<typeof loadResourceWeek>>;
