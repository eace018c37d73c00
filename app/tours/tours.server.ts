// Tours (programs of kind 'tour' plus their settings), ratio rules and time slots.
import { sql } from "kysely";
import { createProgram, getProgramTopics, updateProgram } from "~/catalog/programs.server";
import { programInputFromForm } from "~/catalog/staff.server";
import { inTransaction, type DB } from "~/lib/db.server";
import { storedHtml } from "~/lib/markdown.server";
import { ok, refuse, type Result } from "~/lib/result";
import { generateRecurringSlots, type RatioRule, type RecurringPattern } from "./rules";
import type { TourInput } from "./schemas";

export interface TourSettings {
  durationMinutes: number;
  activitiesVi: string;
  activitiesEn: string | null;
  groupMin: number;
  groupMax: number;
  cancelDaysBefore: number;
  participationCertificates: boolean;
}

const tourColumns = [
  "programs.id",
  "programs.slug",
  "programs.title_vi",
  "programs.title_en",
  "programs.summary_vi",
  "programs.summary_en",
  "programs.description_vi",
  "programs.description_en",
  "programs.description_html_vi",
  "programs.description_html_en",
  "programs.grade_min",
  "programs.grade_max",
  "programs.fee_vnd",
  "programs.status",
  "tours.duration_minutes",
  "tours.activities_vi",
  "tours.activities_en",
  "tours.activities_html_vi",
  "tours.activities_html_en",
  "tours.group_min",
  "tours.group_max",
  "tours.cancel_days_before",
  "tours.participation_certificates",
  "programs.mail_reminders",
] as const;

export function tourQuery(db: DB) {
  return db
    .selectFrom("programs")
    .innerJoin("tours", "tours.program_id", "programs.id")
    .select(tourColumns)
    .where("programs.kind", "=", "tour");
}

export type TourRow = NonNullable<Awaited<ReturnType<typeof getTourById>>>;

export async function getTourById(db: DB, programId: number) {
  return tourQuery(db).where("programs.id", "=", programId).executeTakeFirst();
}

export async function getTourBySlug(db: DB, slug: string) {
  return tourQuery(db).where("programs.slug", "=", slug).executeTakeFirst();
}

/** The tour's numbers as pages show them (a tour without grade limits is for grades 1–12). */
export function tourFacts(tour: TourRow) {
  return {
    gradeMin: tour.grade_min ?? 1,
    gradeMax: tour.grade_max ?? 12,
    feeVnd: tour.fee_vnd,
    durationMinutes: tour.duration_minutes,
    groupMin: tour.group_min,
    groupMax: tour.group_max,
  };
}

export async function getRatioRules(db: DB, programId: number): Promise<RatioRule[]> {
  const rows = await db
    .selectFrom("tour_ratio_rules")
    .select(["grade_min", "grade_max", "students_per_adult"])
    .where("program_id", "=", programId)
    .orderBy("grade_min")
    .execute();
  return rows.map((r) => ({ gradeMin: r.grade_min, gradeMax: r.grade_max, studentsPerAdult: r.students_per_adult }));
}

function programInput(input: TourInput) {
  const { mailReminders, ...form } = input;
  return { ...programInputFromForm("tour", form, input.status), mailReminders };
}

function tourValues(input: TourInput) {
  const html = storedHtml(input.activitiesVi, input.activitiesEn);
  return {
    duration_minutes: input.durationMinutes,
    activities_vi: input.activitiesVi,
    activities_en: input.activitiesEn || null,
    activities_html_vi: html.vi,
    activities_html_en: html.en,
    group_min: input.groupMin,
    group_max: input.groupMax,
    cancel_days_before: input.cancelDaysBefore,
    participation_certificates: input.participationCertificates ? 1 : 0,
  };
}

async function replaceRules(db: DB, programId: number, rules: RatioRule[]) {
  await db.deleteFrom("tour_ratio_rules").where("program_id", "=", programId).execute();
  if (rules.length) {
    await db
      .insertInto("tour_ratio_rules")
      .values(rules.map((r) => ({ program_id: programId, grade_min: r.gradeMin, grade_max: r.gradeMax, students_per_adult: r.studentsPerAdult })))
      .execute();
  }
}

/** Creates the program and its tour settings in one transaction; null when the slug is taken. */
export async function createTour(db: DB, input: TourInput, rules: RatioRule[]): Promise<number | null> {
  return inTransaction(db, async (trx) => {
    const programId = await createProgram(trx, { ...programInput(input), topics: [] });
    if (programId === null) return null;
    await trx.insertInto("tours").values({ program_id: programId, ...tourValues(input) }).execute();
    await replaceRules(trx, programId, rules);
    return programId;
  });
}

/** false when the slug belongs to another program. */
export async function updateTour(db: DB, programId: number, input: TourInput, rules: RatioRule[]): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const topics = await getProgramTopics(trx, programId);
    const ok = await updateProgram(trx, programId, { ...programInput(input), topics });
    if (!ok) return false;
    await trx.updateTable("tours").set(tourValues(input)).where("program_id", "=", programId).execute();
    await replaceRules(trx, programId, rules);
    return true;
  });
}

// ---- Slots ----------------------------------------------------------------------------------------------

/** Inserts slots, skipping any that already exist at the same start (idempotent); returns how many were new. */
export async function createSlots(
  db: DB,
  input: { programId: number; slots: { startsAt: string; endsAt: string }[]; capacity: number; now: string },
): Promise<number> {
  const { programId, slots, capacity, now } = input;
  if (slots.length === 0) return 0;
  let created = 0;
  await inTransaction(db, async (trx) => {
    for (let i = 0; i < slots.length; i += 200) {
      const r = await trx
        .insertInto("tour_slots")
        .values(
          slots.slice(i, i + 200).map((s) => ({
            program_id: programId,
            starts_at: s.startsAt,
            ends_at: s.endsAt,
            capacity_students: capacity,
            created_at: now,
          })),
        )
        .onConflict((oc) => oc.columns(["program_id", "starts_at"]).doNothing())
        .executeTakeFirst();
      created += Number(r.numInsertedOrUpdatedRows ?? 0);
    }
  });
  return created;
}

/** The slots of a recurring pattern that have not started at `now` (slots already started are never generated). */
export function upcomingRecurringSlots(pattern: RecurringPattern, now: string) {
  return generateRecurringSlots(pattern).filter((s) => s.startsAt > now);
}

export type SlotRefusal = "datePast" | "slotExists" | "slotBusy" | "belowHeld" | "slotNotFound";

/** A slot with bookings holding seats stays (staff move or cancel those bookings first); so does another tour's. */
export async function cancelSlot(db: DB, input: { programId: number; slotId: number }): Promise<Result<void, SlotRefusal>> {
  const r = await db
    .updateTable("tour_slots")
    .set({ status: "cancelled" })
    .where("id", "=", input.slotId)
    .where("program_id", "=", input.programId)
    .where("held_students", "=", 0)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1 ? ok() : refuse("slotBusy");
}

/**
 * Changes a slot's capacity; never below the seats that requested and confirmed bookings hold (a conditional
 * update, so a booking arriving at the same moment cannot be squeezed out).
 */
export async function setSlotCapacity(
  db: DB,
  input: { programId: number; slotId: number; capacity: number },
): Promise<Result<void, SlotRefusal>> {
  const r = await db
    .updateTable("tour_slots")
    .set({ capacity_students: input.capacity })
    .where("id", "=", input.slotId)
    .where("program_id", "=", input.programId)
    .where("held_students", "<=", input.capacity)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 1) return ok();
  const slot = await db.selectFrom("tour_slots").select("held_students").where("id", "=", input.slotId).where("program_id", "=", input.programId).executeTakeFirst();
  return slot ? refuse("belowHeld", { params: { held: slot.held_students } }) : refuse("slotNotFound");
}

/** Slots in a range, in time order; at most `limit` (a month holds ~40, the staff list shows the next 300). */
export async function listSlots(db: DB, programId: number, range: { from: string; to: string }, opts: { openOnly?: boolean; limit?: number } = {}) {
  let q = db
    .selectFrom("tour_slots")
    .select(["id", "starts_at", "ends_at", "capacity_students", "held_students", "status"])
    .where("program_id", "=", programId)
    .where("starts_at", ">=", range.from)
    .where("starts_at", "<", range.to);
  if (opts.openOnly) q = q.where("status", "=", "open");
  return q.orderBy("starts_at").limit(opts.limit ?? 500).execute();
}

/** Future open slots of a tour with room for at least one student, for the booking form and moves. */
export async function listBookableSlots(db: DB, programId: number, now: string, limit = 200) {
  return db
    .selectFrom("tour_slots")
    .select(["id", "starts_at", "ends_at", "capacity_students", "held_students"])
    .where("program_id", "=", programId)
    .where("status", "=", "open")
    .where("starts_at", ">", now)
    .where(sql<boolean>`held_students < capacity_students`)
    .orderBy("starts_at")
    .limit(limit)
    .execute();
}

export async function getSlot(db: DB, slotId: number) {
  return db.selectFrom("tour_slots").selectAll().where("id", "=", slotId).executeTakeFirst();
}
