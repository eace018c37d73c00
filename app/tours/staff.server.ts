// Staff editing of tours: the tour's entry and settings, and its time slots (one, or a recurring pattern).
import type { Locale } from "~/i18n";
import { localized } from "~/i18n/localized";
import type { DB } from "~/lib/db.server";
import { ok, refuse, type Result } from "~/lib/result";
import { addMinutes, isoToVnLocal, vnLocalToIso } from "~/lib/time";
import { formatRatioRules, parseRatioRules, type GeneratedSlot } from "./rules";
import type { TourFormValues, TourInput } from "./schemas";
import {
  createSlots,
  createTour,
  getRatioRules,
  getTourById,
  listSlots,
  tourFacts,
  tourQuery,
  updateTour,
  upcomingRecurringSlots,
  type SlotRefusal,
  type TourRow,
} from "./tours.server";

export type SaveTourRefusal = "badRatioRules" | "slugTaken";

/** Creates the tour (programId null) or updates it, with its ratio rules written as text lines. */
export async function saveTour(db: DB, programId: number | null, input: TourInput): Promise<Result<{ programId: number }, SaveTourRefusal>> {
  const rules = parseRatioRules(input.ratioRules);
  if (!rules.ok) return rules;
  if (programId === null) {
    const id = await createTour(db, input, rules.value);
    return id === null ? refuse("slugTaken") : ok({ programId: id });
  }
  return (await updateTour(db, programId, input, rules.value)) ? ok({ programId }) : refuse("slugTaken");
}

type SlotTour = Pick<TourRow, "id" | "duration_minutes">;

/** One slot at a local date and time in Vietnam; not in the past, not twice at the same start. */
export async function addSlot(
  db: DB,
  input: { tour: SlotTour; date: string; time: string; capacity: number; now: string },
): Promise<Result<void, SlotRefusal>> {
  const startsAt = vnLocalToIso(input.date, input.time);
  if (startsAt <= input.now) return refuse("datePast");
  const slots = [{ startsAt, endsAt: addMinutes(startsAt, input.tour.duration_minutes) }];
  const created = await createSlots(db, { programId: input.tour.id, slots, capacity: input.capacity, now: input.now });
  return created === 0 ? refuse("slotExists") : ok();
}

export interface RecurringForm {
  startDate: string;
  weeks: number;
  weekdays: number[];
  times: string[];
  blackoutDates: string[];
}

/** The slots a recurring pattern would create from `now` on; a start date before today (in Vietnam) is refused. */
export function planRecurringSlots(tour: SlotTour, form: RecurringForm, now: string): Result<GeneratedSlot[], SlotRefusal> {
  if (form.startDate < isoToVnLocal(now).date) return refuse("datePast", { field: "startDate" });
  return ok(upcomingRecurringSlots({ ...form, durationMinutes: tour.duration_minutes }, now));
}

/** Creates the pattern's slots; those that already exist are skipped, so generating twice changes nothing. */
export async function createRecurringSlots(
  db: DB,
  input: { tour: SlotTour; form: RecurringForm; capacity: number; now: string },
): Promise<Result<{ created: number }, SlotRefusal>> {
  const plan = planRecurringSlots(input.tour, input.form, input.now);
  if (!plan.ok) return plan;
  const created = await createSlots(db, { programId: input.tour.id, slots: plan.value, capacity: input.capacity, now: input.now });
  return ok({ created });
}

/** The staff list of tours, titles in the reader's language. */
export async function listToursForStaff(db: DB, locale: Locale) {
  const rows = await tourQuery(db).orderBy("programs.title_vi").execute();
  return rows.map((t) => ({ id: t.id, slug: t.slug, title: localized(t, "title", locale), status: t.status, ...tourFacts(t) }));
}

/** The form's values for an existing tour (what the staff edit form starts from). */
export function tourFormValues(tour: TourRow, ratioRules: string): TourFormValues {
  return {
    slug: tour.slug,
    titleVi: tour.title_vi,
    titleEn: tour.title_en ?? "",
    summaryVi: tour.summary_vi,
    summaryEn: tour.summary_en ?? "",
    descriptionVi: tour.description_vi,
    descriptionEn: tour.description_en ?? "",
    activitiesVi: tour.activities_vi,
    activitiesEn: tour.activities_en ?? "",
    ...tourFacts(tour),
    cancelDaysBefore: tour.cancel_days_before,
    participationCertificates: tour.participation_certificates === 1,
    mailReminders: tour.mail_reminders === 1,
    status: tour.status,
    ratioRules,
  };
}

/** How far ahead the staff page lists slots, and at most how many. */
const STAFF_SLOTS_DAYS = 200;
const STAFF_SLOTS_LIMIT = 300;

/** The staff page of one tour: its form values and its slots from today (in Vietnam) on; null when no such tour. */
export async function loadStaffTourPage(db: DB, programId: number, opts: { now: string; locale: Locale }) {
  const tour = await getTourById(db, programId);
  if (!tour) return null;
  const today = isoToVnLocal(opts.now).date;
  const [rules, slots] = await Promise.all([
    getRatioRules(db, tour.id),
    listSlots(db, tour.id, { from: vnLocalToIso(today, "00:00"), to: addMinutes(opts.now, 60 * 24 * STAFF_SLOTS_DAYS) }, { limit: STAFF_SLOTS_LIMIT }),
  ]);
  return {
    tour: { id: tour.id, slug: tour.slug, title: localized(tour, "title", opts.locale) },
    form: tourFormValues(tour, formatRatioRules(rules)),
    slots: slots.map((s) => ({
      id: s.id,
      startsAt: s.starts_at,
      endsAt: s.ends_at,
      capacity: s.capacity_students,
      held: s.held_students,
      status: s.status,
    })),
    today,
  };
}
