// Staff side of the lab: resources and their rules, closed days, outages (which cancel the bookings they hit).
import type { Locale } from "~/i18n";
import { bilingual, localized } from "~/i18n/localized";
import { recordAudit, type Actor } from "~/lib/audit.server";
import { inTransaction, type DB } from "~/lib/db.server";
import { ok, refuse, type Result } from "~/lib/result";
import { notifyMany } from "~/notifications/notifications.server";
import { releaseBooking } from "./holds.server";
import { isoToVnLocal } from "~/lib/time";
import { formatOpeningHours, parseOpeningHours } from "./rules";
import type { ResourceFormValues } from "./views";
import { openingHoursOf } from "./resources.server";

export interface ResourceInput extends ResourceFormValues {
  /** A stored photo's file name (see photos.server.ts); undefined keeps the current one. */
  photoPath?: string | null;
}

export type SaveResourceRefusal = "slugTaken" | "badHours" | "unknownProgram" | "notFound";

/** Creates (resourceId null) or updates a resource with its opening hours and required programs. */
export async function saveResource(
  db: DB,
  input: { resourceId: number | null; form: ResourceInput; now: string },
): Promise<Result<{ id: number; slug: string }, SaveResourceRefusal>> {
  const { form, now } = input;
  const hours = parseOpeningHours(form.openingHours);
  if (!hours.ok) return refuse("badHours", { params: hours.params });
  const programIds = [...new Set(form.programIds)];
  if (programIds.length) {
    const found = await db.selectFrom("programs").select("id").where("id", "in", programIds).execute();
    if (found.length !== programIds.length) return refuse("unknownProgram");
  }
  const clash = await db
    .selectFrom("lab_resources")
    .select("id")
    .where("slug", "=", form.slug)
    .$if(input.resourceId !== null, (q) => q.where("id", "!=", input.resourceId as number))
    .executeTakeFirst();
  if (clash) return refuse("slugTaken");
  const values = {
    slug: form.slug,
    kind: form.kind,
    name_vi: form.nameVi,
    name_en: form.nameEn || null,
    description_vi: form.descriptionVi,
    description_en: form.descriptionEn || null,
    location: form.location,
    capacity: form.kind === "machine" ? 1 : form.capacity,
    slot_minutes: form.slotMinutes,
    max_slots_per_booking: form.maxSlotsPerBooking,
    max_hours_per_week: form.maxHoursPerWeek,
    min_grade: form.minGrade,
    min_age: form.minAge,
    no_show_penalty: form.noShowPenalty ? 1 : 0,
    updated_at: now,
    ...(form.photoPath !== undefined ? { photo_path: form.photoPath } : {}),
  };
  return inTransaction(db, async (trx): Promise<Result<{ id: number; slug: string }, SaveResourceRefusal>> => {
    let id: number;
    if (input.resourceId === null) {
      const row = await trx
        .insertInto("lab_resources")
        .values({ ...values, photo_path: form.photoPath ?? null, created_at: now })
        .returning("id")
        .executeTakeFirstOrThrow();
      id = row.id;
    } else {
      const res = await trx.updateTable("lab_resources").set(values).where("id", "=", input.resourceId).executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) return refuse("notFound");
      id = input.resourceId;
    }
    await trx.deleteFrom("lab_opening_hours").where("resource_id", "=", id).execute();
    if (hours.value.length) {
      await trx
        .insertInto("lab_opening_hours")
        .values(hours.value.map((h) => ({ resource_id: id, weekday: h.weekday, opens_at: h.opensAt, closes_at: h.closesAt })))
        .execute();
    }
    await trx.deleteFrom("lab_resource_credentials").where("resource_id", "=", id).execute();
    if (programIds.length) {
      await trx.insertInto("lab_resource_credentials").values(programIds.map((p) => ({ resource_id: id, program_id: p }))).execute();
    }
    return ok({ id, slug: form.slug });
  });
}

/** Everything the staff edit page shows for one resource. */
export async function loadResourceEditor(db: DB, resourceId: number, locale: Locale, now: string) {
  const r = await db.selectFrom("lab_resources").selectAll().where("id", "=", resourceId).executeTakeFirst();
  if (!r) return null;
  const [hours, credentials, closed, outages] = await Promise.all([
    openingHoursOf(db, r.id),
    db.selectFrom("lab_resource_credentials").select("program_id").where("resource_id", "=", r.id).execute(),
    db
      .selectFrom("lab_closed_dates")
      .select(["id", "date", "reason", "resource_id"])
      .where((eb) => eb.or([eb("resource_id", "=", r.id), eb("resource_id", "is", null)]))
      .where("date", ">=", isoToVnLocal(now).date)
      .orderBy("date")
      .limit(100)
      .execute(),
    db
      .selectFrom("lab_outages")
      .select(["id", "starts_at", "ends_at", "reason"])
      .where("resource_id", "=", r.id)
      .where("ends_at", ">", now)
      .orderBy("starts_at")
      .limit(100)
      .execute(),
  ]);
  return {
    id: r.id,
    name: localized(r, "name", locale),
    photoUrl: r.photo_path ? `/lab/photos/${r.photo_path}` : null,
    form: {
      slug: r.slug,
      kind: r.kind,
      nameVi: r.name_vi,
      nameEn: r.name_en ?? "",
      descriptionVi: r.description_vi,
      descriptionEn: r.description_en ?? "",
      location: r.location,
      capacity: r.capacity,
      slotMinutes: r.slot_minutes,
      maxSlotsPerBooking: r.max_slots_per_booking,
      maxHoursPerWeek: r.max_hours_per_week,
      minGrade: r.min_grade,
      minAge: r.min_age,
      noShowPenalty: r.no_show_penalty === 1,
      openingHours: formatOpeningHours(hours),
      programIds: credentials.map((c) => c.program_id),
    },
    closedDates: closed.map((c) => ({ id: c.id, date: c.date, reason: c.reason, wholeLab: c.resource_id === null })),
    outages: outages.map((o) => ({ id: o.id, startsAt: o.starts_at, endsAt: o.ends_at, reason: o.reason })),
  };
}

/** Programs staff can require (published courses and workshops). */
export async function credentialPrograms(db: DB, locale: Locale) {
  const rows = await db
    .selectFrom("programs")
    .select(["id", "kind", "title_vi", "title_en"])
    .where("kind", "in", ["course", "workshop"])
    .where("status", "!=", "archived")
    .orderBy("title_vi")
    .limit(500)
    .execute();
  return rows.map((p) => ({ id: p.id, kind: p.kind, title: localized(p, "title", locale) }));
}

export async function listResourcesForStaff(db: DB, locale: Locale) {
  const rows = await db
    .selectFrom("lab_resources")
    .select(["id", "slug", "kind", "name_vi", "name_en", "capacity", "status"])
    .orderBy("kind")
    .orderBy("name_vi")
    .execute();
  return rows.map((r) => ({ id: r.id, slug: r.slug, kind: r.kind, name: localized(r, "name", locale), capacity: r.capacity, status: r.status }));
}

export type ClosedDateRefusal = "notFound" | "bookingsExist";

/** Closes a local date for the resource; refused while active bookings exist that day (cancel them first). */
export async function addClosedDate(
  db: DB,
  input: { resourceId: number; date: string; reason: string; fromIso: string; toIso: string; now: string },
): Promise<Result<undefined, ClosedDateRefusal>> {
  const booked = await db
    .selectFrom("lab_bookings")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("resource_id", "=", input.resourceId)
    .where("status", "=", "booked")
    .where("starts_at", ">=", input.fromIso)
    .where("starts_at", "<", input.toIso)
    .executeTakeFirstOrThrow();
  if (Number(booked.n) > 0) return refuse("bookingsExist", { params: { count: Number(booked.n) } });
  await db.insertInto("lab_closed_dates").values({ resource_id: input.resourceId, date: input.date, reason: input.reason, created_at: input.now }).execute();
  return ok();
}

export async function removeClosedDate(db: DB, input: { resourceId: number; closedId: number }): Promise<Result<undefined, ClosedDateRefusal>> {
  const res = await db.deleteFrom("lab_closed_dates").where("id", "=", input.closedId).where("resource_id", "=", input.resourceId).executeTakeFirst();
  return Number(res.numDeletedRows) === 1 ? ok() : refuse("notFound");
}

/**
 * Takes a resource out of service for [startsAt, endsAt): the outage is recorded, and every booking in that
 * period is cancelled (seats and quota given back) and its person notified with the reason.
 */
export async function addOutage(
  db: DB,
  input: { resourceId: number; startsAt: string; endsAt: string; reason: string; staffId: number; now: string; actor?: Actor },
): Promise<{ cancelled: number }> {
  return inTransaction(db, async (trx) => {
    const r = await trx.selectFrom("lab_resources").select(["name_vi", "name_en"]).where("id", "=", input.resourceId).executeTakeFirstOrThrow();
    await trx
      .insertInto("lab_outages")
      .values({ resource_id: input.resourceId, starts_at: input.startsAt, ends_at: input.endsAt, reason: input.reason, created_by: input.staffId, created_at: input.now })
      .execute();
    const hit = await trx
      .selectFrom("lab_bookings")
      .select(["id", "resource_id", "user_id", "starts_at", "ends_at", "slots", "week_start"])
      .where("resource_id", "=", input.resourceId)
      .where("status", "=", "booked")
      .where("starts_at", "<", input.endsAt)
      .where("ends_at", ">", input.startsAt)
      .execute();
    const cancelled = [];
    for (const b of hit) if (await releaseBooking(trx, b, { reason: "outage", now: input.now })) cancelled.push(b);
    await notifyMany(
      trx,
      cancelled.map((b) => ({
        userId: b.user_id,
        messageKey: "lab.notify.cancelledOutage",
        params: { resource: bilingual(r, "name"), when: b.starts_at, reason: input.reason },
        link: "/lab/bookings",
      })),
      input.now,
    );
    // Staff cancelled other people's bookings: recorded in the security log with what and how many.
    await recordAudit(trx, {
      actor: input.actor ?? { userId: input.staffId, ip: "" },
      action: "lab.bookingOverride",
      subject: { type: "lab_resource", id: input.resourceId },
      details: { outageFrom: input.startsAt, outageTo: input.endsAt, cancelled: cancelled.length },
      now: input.now,
    });
    return { cancelled: cancelled.length };
  });
}
