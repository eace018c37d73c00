// Reads of bookings, always scoped: a school user's queries filter by their school ids, so a forgotten
// check returns nothing rather than another school's booking.
import type { TourBookingStatus } from "#db/schema";
import type { DB } from "~/lib/db.server";
import { dayRangeIso } from "./rules";

export const BOOKINGS_PAGE_SIZE = 25;

export type BookingScope = { staff: true } | { staff: false; schoolIds: number[] };

function bookingBase(db: DB) {
  return db
    .selectFrom("tour_bookings as b")
    .innerJoin("tour_slots as s", "s.id", "b.slot_id")
    .innerJoin("programs as p", "p.id", "b.program_id")
    .innerJoin("schools as sc", "sc.id", "b.school_id");
}

const listColumns = [
  "b.id",
  "b.reference",
  "b.status",
  "b.students",
  "b.adults",
  "b.created_at",
  "s.starts_at",
  "s.ends_at",
  "p.title_vi",
  "p.title_en",
  "p.slug",
  "sc.name as school_name",
] as const;

function pages(total: number) {
  return Math.max(1, Math.ceil(total / BOOKINGS_PAGE_SIZE));
}

export async function listSchoolBookings(db: DB, schoolIds: number[], page: number) {
  if (schoolIds.length === 0) return { rows: [], pages: 1 };
  const [rows, total] = await Promise.all([
    bookingBase(db)
      .select(listColumns)
      .where("b.school_id", "in", schoolIds)
      .orderBy("s.starts_at", "desc")
      .limit(BOOKINGS_PAGE_SIZE)
      .offset((page - 1) * BOOKINGS_PAGE_SIZE)
      .execute(),
    db.selectFrom("tour_bookings").select((eb) => eb.fn.countAll<number>().as("n")).where("school_id", "in", schoolIds).executeTakeFirstOrThrow(),
  ]);
  return { rows, pages: pages(Number(total.n)) };
}

/** Staff lists: the queue (requested, oldest first) or any one status. */
export async function listBookingsByStatus(db: DB, status: TourBookingStatus, page: number) {
  const oldestFirst = status === "requested";
  const [rows, total] = await Promise.all([
    bookingBase(db)
      .select(listColumns)
      .select(["b.grade_min", "b.grade_max", "b.contact_name", "b.contact_phone"])
      .where("b.status", "=", status)
      .orderBy("b.created_at", oldestFirst ? "asc" : "desc")
      .orderBy("b.id", oldestFirst ? "asc" : "desc")
      .limit(BOOKINGS_PAGE_SIZE)
      .offset((page - 1) * BOOKINGS_PAGE_SIZE)
      .execute(),
    db.selectFrom("tour_bookings").select((eb) => eb.fn.countAll<number>().as("n")).where("status", "=", status).executeTakeFirstOrThrow(),
  ]);
  return { rows, pages: pages(Number(total.n)), total: Number(total.n) };
}

export async function getBookingDetail(db: DB, bookingId: number, scope: BookingScope) {
  let q = bookingBase(db)
    .leftJoin("users as u", "u.id", "b.booked_by")
    .leftJoin("classes as c", "c.id", "b.class_id")
    .innerJoin("tours as t", "t.program_id", "b.program_id")
    .select(listColumns)
    .select([
      "b.slot_id",
      "b.program_id",
      "b.school_id",
      "b.booked_by",
      "b.class_id",
      "b.grade_min",
      "b.grade_max",
      "b.contact_name",
      "b.contact_phone",
      "b.accessibility_needs",
      "b.notes",
      "b.staff_message",
      "b.cancel_reason",
      "b.actual_students",
      "b.updated_at",
      "u.full_name as booker_name",
      "c.name as class_name",
      "t.cancel_days_before",
      "t.duration_minutes",
      "p.fee_vnd",
    ])
    .where("b.id", "=", bookingId);
  if (!scope.staff) q = q.where("b.school_id", "in", scope.schoolIds.length ? scope.schoolIds : [-1]);
  return q.executeTakeFirst();
}

export type BookingDetail = NonNullable<Awaited<ReturnType<typeof getBookingDetail>>>;

/** The day sheet: every open slot of the day (all tours) with the bookings that hold or held it. */
export async function loadDaySheet(db: DB, date: string) {
  const range = dayRangeIso(date);
  const slots = await db
    .selectFrom("tour_slots as s")
    .innerJoin("programs as p", "p.id", "s.program_id")
    .select(["s.id", "s.starts_at", "s.ends_at", "s.capacity_students", "s.held_students", "s.status", "p.title_vi", "p.title_en"])
    .where("s.starts_at", ">=", range.from)
    .where("s.starts_at", "<", range.to)
    .orderBy("s.starts_at")
    .orderBy("p.title_vi")
    .execute();
  const slotIds = slots.map((s) => s.id);
  const bookings = slotIds.length
    ? await db
        .selectFrom("tour_bookings as b")
        .innerJoin("schools as sc", "sc.id", "b.school_id")
        .select([
          "b.id",
          "b.slot_id",
          "b.reference",
          "b.status",
          "b.students",
          "b.grade_min",
          "b.grade_max",
          "b.adults",
          "b.contact_name",
          "b.contact_phone",
          "b.accessibility_needs",
          "b.notes",
          "sc.name as school_name",
        ])
        .where("b.slot_id", "in", slotIds)
        .where("b.status", "in", ["requested", "confirmed", "completed"])
        .orderBy("b.created_at")
        .execute()
    : [];
  return slots.map((s) => ({ ...s, bookings: bookings.filter((b) => b.slot_id === s.id) }));
}

/** Bookings whose visit falls in [from, to] (local dates), for the CSV export. */
export async function listBookingsForExport(db: DB, from: string, to: string) {
  return bookingBase(db)
    .leftJoin("users as u", "u.id", "b.booked_by")
    .select([
      "b.reference",
      "b.status",
      "s.starts_at",
      "s.ends_at",
      "p.title_vi",
      "sc.name as school_name",
      "b.students",
      "b.actual_students",
      "b.grade_min",
      "b.grade_max",
      "b.adults",
      "b.contact_name",
      "b.contact_phone",
      "b.accessibility_needs",
      "b.notes",
      "u.full_name as booker_name",
      "b.created_at",
    ])
    .where("s.starts_at", ">=", dayRangeIso(from).from)
    .where("s.starts_at", "<", dayRangeIso(to).to)
    .orderBy("s.starts_at")
    .orderBy("b.reference")
    .limit(20_000)
    .execute();
}

/**
 * Completed tours of classes, for the class progress matrix: one query for any number of classes.
 * A member's "credit" is derived: the booking is completed and they are in the class.
 */
export async function getCompletedToursForClasses(db: DB, { classIds }: { classIds: number[] }) {
  if (classIds.length === 0) return [];
  const rows = await db
    .selectFrom("tour_bookings as b")
    .innerJoin("tour_slots as s", "s.id", "b.slot_id")
    .select(["b.class_id", "b.id", "b.program_id", "s.starts_at"])
    .where("b.class_id", "in", classIds)
    .where("b.status", "=", "completed")
    .orderBy("s.starts_at")
    .execute();
  return rows.map((r) => ({ classId: r.class_id as number, bookingId: r.id, programId: r.program_id, startsAt: r.starts_at }));
}

/** Upcoming bookings of these schools (dashboard). */
export async function listUpcomingForSchools(db: DB, schoolIds: number[], now: string, limit = 5) {
  if (schoolIds.length === 0) return [];
  return bookingBase(db)
    .select(listColumns)
    .where("b.school_id", "in", schoolIds)
    .where("b.status", "in", ["requested", "confirmed"])
    .where("s.starts_at", ">", now)
    .orderBy("s.starts_at")
    .limit(limit)
    .execute();
}

/** Completed class tours a student took part in (their activity), derived from class membership. */
export async function getCompletedToursForStudent(db: DB, { studentId }: { studentId: number }) {
  return db
    .selectFrom("tour_bookings as b")
    .innerJoin("class_members as cm", "cm.class_id", "b.class_id")
    .innerJoin("tour_slots as s", "s.id", "b.slot_id")
    .innerJoin("programs as p", "p.id", "b.program_id")
    .select(["b.id as bookingId", "b.program_id as programId", "b.class_id as classId", "s.starts_at as startsAt", "p.title_vi", "p.title_en", "p.slug"])
    .where("cm.student_id", "=", studentId)
    .where("b.status", "=", "completed")
    .orderBy("s.starts_at", "desc")
    .execute();
}
