// Builders for tours tests: a published tour with ratio rules, slots, a school with an approved teacher, a class.
import { db, type DB } from "~/lib/db.server";
import { addMinutes, nowIso } from "~/lib/time";
import type { SessionUser } from "~/auth/roles";
import { createTour } from "~/tours/tours.server";
import type { BookingInput, TourInput } from "~/tours/schemas";
import type { RatioRule } from "~/tours/rules";
import { addSchoolMember, createTestSchool, createTestUser } from "./factories";

let n = 0;

export async function createTestTour(overrides: Partial<TourInput> = {}, rules: RatioRule[] = [{ gradeMin: 6, gradeMax: 9, studentsPerAdult: 15 }], database: DB = db) {
  n += 1;
  const input: TourInput = {
    intent: "save",
    slug: `tham-quan-${n}-${Date.now().toString(36)}`,
    titleVi: `Tham quan thử ${n}`,
    titleEn: `Test tour ${n}`,
    summaryVi: "",
    summaryEn: "",
    descriptionVi: "",
    descriptionEn: "",
    activitiesVi: "",
    activitiesEn: "",
    gradeMin: 1,
    gradeMax: 12,
    feeVnd: 0,
    durationMinutes: 120,
    groupMin: 10,
    groupMax: 45,
    cancelDaysBefore: 3,
    participationCertificates: true,
    mailReminders: true,
    status: "published",
    ratioRules: "",
    ...overrides,
  };
  const id = await createTour(database, input, rules);
  if (id === null) throw new Error("createTestTour: slug taken");
  const tour = await database.selectFrom("programs").select(["id", "slug"]).where("id", "=", id).executeTakeFirstOrThrow();
  return tour;
}

/** A slot `daysAhead` days from now (negative: in the past). */
export async function createTestSlot(programId: number, opts: { daysAhead?: number; capacity?: number; held?: number } = {}, database: DB = db) {
  const startsAt = new Date(Date.now() + (opts.daysAhead ?? 14) * 86_400_000 + n++ * 60_000).toISOString();
  return createSlotAt(database, programId, startsAt, opts);
}

/** A school with an approved teacher (and optionally an approved coordinator). */
export async function createSchoolWithTeacher(name = "Trường THCS Thử", database: DB = db) {
  const schoolId = await createTestSchool(name, database);
  const teacher = await createTestUser({ role: "teacher" }, database);
  await addSchoolMember(schoolId, teacher.id, "teacher", "approved", database);
  const coordinator = await createTestUser({ role: "coordinator" }, database);
  await addSchoolMember(schoolId, coordinator.id, "coordinator", "approved", database);
  return { schoolId, teacher, coordinator };
}

/** A group of 30 in grades 7–8 with 2 adults: within the default test tour's limits. */
const GROUP = {
  students: 30,
  gradeMin: 7,
  gradeMax: 8,
  adults: 2,
  contactName: "Nguyễn Thị Phương Thảo",
  contactPhone: "0912 345 678",
  accessibilityNeeds: "",
  notes: "",
};

export function bookingForm(slotId: number, extra: Record<string, string | number> = {}) {
  return { slotId, ...GROUP, ...extra };
}

// ---- db-first helpers (new) ------------------------------------------------------------------------------

/** Every row of the tables a booking or a change of one may touch, to prove a refusal changed nothing. */
export async function tourTables(database: DB) {
  const [bookings, slots, counters, notifications] = await Promise.all([
    database.selectFrom("tour_bookings").selectAll().orderBy("id").execute(),
    database.selectFrom("tour_slots").selectAll().orderBy("id").execute(),
    database.selectFrom("tour_reference_counters").selectAll().orderBy("scope").execute(),
    database.selectFrom("notifications").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { bookings, slots, counters, notifications: Number(notifications.n) };
}

/** A slot starting at a fixed instant (tests that pass `now` to the capability). */
export async function createSlotAt(database: DB, programId: number, startsAt: string, opts: { capacity?: number; held?: number } = {}) {
  return database
    .insertInto("tour_slots")
    .values({
      program_id: programId,
      starts_at: startsAt,
      ends_at: addMinutes(startsAt, 120),
      capacity_students: opts.capacity ?? 90,
      held_students: opts.held ?? 0,
      created_at: nowIso(),
    })
    .returning(["id", "starts_at"])
    .executeTakeFirstOrThrow();
}

/** The signed-in user as the capabilities receive it. */
export async function sessionUserOf(database: DB, userId: number): Promise<SessionUser> {
  const u = await database.selectFrom("users").select(["id", "email", "username", "full_name", "role", "locale", "grade", "birth_year"]).where("id", "=", userId).executeTakeFirstOrThrow();
  return { id: u.id, email: u.email, username: u.username, fullName: u.full_name, role: u.role, locale: u.locale, grade: u.grade, birthYear: u.birth_year };
}

/** The booking form's values as createBooking receives them (after parsing). */
export function bookingInput(slotId: number, extra: Partial<BookingInput> = {}): BookingInput {
  return { slotId, schoolId: undefined, classId: undefined, ...GROUP, ...extra };
}
