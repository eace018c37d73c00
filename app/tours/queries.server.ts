// Reads of bookings, always scoped: a school user's queries filter by their school ids, so a forgotten
// check returns nothing rather than another school's booking.
import type { Selectable } from "kysely";
import type { TourBookingsTable, TourBookingStatus } from "#db/schema";
import type { Locale } from "~/i18n";
import { slipCountsForBookings } from "~/guardians/slips.server";
import { localized } from "~/i18n/localized";
import type { DB } from "~/lib/db.server";
import type { Actor } from "./lifecycle.server";
import { canSchoolCancelAt, dayRangeIso, holdsSeats, schoolCancelDeadline } from "./rules";
import { listBookableSlots } from "./tours.server";
import type { QueueSort } from "./schemas";
import type { BookingGroup, BookingListItem, BookingView, DaySheetSlot, SlotChoice, StaffBookingListItem } from "./views";

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

type ListRow = {
  id: number;
  reference: string;
  status: TourBookingStatus;
  students: number;
  adults: number;
  created_at: string;
  starts_at: string;
  ends_at: string;
  title_vi: string;
  title_en: string | null;
  slug: string;
  school_name: string;
};

function listItem(r: ListRow, locale: Locale): BookingListItem {
  return {
    id: r.id,
    reference: r.reference,
    status: r.status,
    students: r.students,
    adults: r.adults,
    createdAt: r.created_at,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    title: localized(r, "title", locale),
    slug: r.slug,
    schoolName: r.school_name,
  };
}

type GroupRow = Pick<
  Selectable<TourBookingsTable>,
  "students" | "grade_min" | "grade_max" | "adults" | "contact_name" | "contact_phone" | "accessibility_needs" | "notes"
>;

function bookingGroup(r: GroupRow): BookingGroup {
  return {
    students: r.students,
    gradeMin: r.grade_min,
    gradeMax: r.grade_max,
    adults: r.adults,
    contactName: r.contact_name,
    contactPhone: r.contact_phone,
    accessibilityNeeds: r.accessibility_needs,
    notes: r.notes,
  };
}

function pages(total: number) {
  return Math.max(1, Math.ceil(total / BOOKINGS_PAGE_SIZE));
}

export async function listSchoolBookings(db: DB, input: { schoolIds: number[]; page: number; locale: Locale }): Promise<{ rows: BookingListItem[]; pages: number }> {
  const { schoolIds, page, locale } = input;
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
  return { rows: rows.map((r) => listItem(r, locale)), pages: pages(Number(total.n)) };
}

/**
 * Staff lists by status, in the chosen order: `visit` (the default) by the slot's start — soonest first for the
 * lists still ahead (requested, confirmed), latest first for the others; `age` by when the request was sent —
 * oldest first in the queue, newest first elsewhere. Both follow an index: the slots' start index joined to the
 * bookings' (slot, status) index, or the bookings' (status, created_at) index.
 */
export async function listBookingsByStatus(
  db: DB,
  input: { status: TourBookingStatus; page: number; locale: Locale; sort?: QueueSort },
): Promise<{ rows: StaffBookingListItem[]; pages: number; total: number }> {
  const { status, page, locale, sort = "visit" } = input;
  const ahead = status === "requested" || status === "confirmed";
  const direction = (sort === "visit" ? ahead : status === "requested") ? "asc" : "desc";
  const [rows, total] = await Promise.all([
    bookingBase(db)
      .select(listColumns)
      .select(["b.grade_min", "b.grade_max", "b.contact_name", "b.contact_phone"])
      .where("b.status", "=", status)
      .orderBy(sort === "visit" ? "s.starts_at" : "b.created_at", direction)
      .orderBy("b.id", direction)
      .limit(BOOKINGS_PAGE_SIZE)
      .offset((page - 1) * BOOKINGS_PAGE_SIZE)
      .execute(),
    db.selectFrom("tour_bookings").select((eb) => eb.fn.countAll<number>().as("n")).where("status", "=", status).executeTakeFirstOrThrow(),
  ]);
  return {
    rows: rows.map((r) => ({
      ...listItem(r, locale),
      gradeMin: r.grade_min,
      gradeMax: r.grade_max,
      contactName: r.contact_name,
      contactPhone: r.contact_phone,
    })),
    pages: pages(Number(total.n)),
    total: Number(total.n),
  };
}

async function getBookingDetail(db: DB, bookingId: number, scope: BookingScope) {
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

type BookingDetail = NonNullable<Awaited<ReturnType<typeof getBookingDetail>>>;

function bookingView(b: BookingDetail, locale: Locale): BookingView {
  return {
    id: b.id,
    reference: b.reference,
    status: b.status,
    title: localized(b, "title", locale),
    startsAt: b.starts_at,
    endsAt: b.ends_at,
    schoolName: b.school_name,
    className: b.class_name,
    bookerName: b.booker_name,
    ...bookingGroup(b),
    staffMessage: b.staff_message,
    cancelReason: b.cancel_reason,
    actualStudents: b.actual_students,
    feeVnd: b.fee_vnd,
  };
}

/** One booking within the scope (another school's booking is null, like a missing one). */
export async function getBookingView(db: DB, bookingId: number, scope: BookingScope, locale: Locale): Promise<BookingView | null> {
  const b = await getBookingDetail(db, bookingId, scope);
  return b ? bookingView(b, locale) : null;
}

/**
 * The school's page of one of its bookings: whether this user may cancel it (the booker or a coordinator of its
 * school, while it holds seats) and until when. Null when the booking is outside the user's schools.
 */
export async function loadSchoolBookingPage(db: DB, input: { bookingId: number; scope: BookingScope; actor: Actor; now: string; locale: Locale }) {
  const b = await getBookingDetail(db, input.bookingId, input.scope);
  if (!b) return null;
  const mayCancel = holdsSeats(b.status) && (b.booked_by === input.actor.userId || !!input.actor.coordinatorOf?.includes(b.school_id));
  return {
    booking: bookingView(b, input.locale),
    mayCancel,
    deadline: schoolCancelDeadline(b.starts_at, b.cancel_days_before),
    beforeDeadline: canSchoolCancelAt(b.starts_at, b.cancel_days_before, input.now),
  };
}

/** The staff page of one booking: the slots it may move to and whether the visit has started (to complete it). */
export async function loadStaffBookingPage(db: DB, input: { bookingId: number; now: string; locale: Locale }) {
  const b = await getBookingDetail(db, input.bookingId, { staff: true });
  if (!b) return null;
  const bookable = await listBookableSlots(db, b.program_id, input.now);
  const slots: SlotChoice[] = bookable.filter((s) => s.id !== b.slot_id).map((s) => ({ id: s.id, startsAt: s.starts_at, left: s.capacity_students - s.held_students }));
  return { booking: bookingView(b, input.locale), slots, started: b.starts_at <= input.now };
}

/** The day sheet: every open slot of the day (all tours) with the bookings that hold or held it. */
export async function loadDaySheet(db: DB, date: string, locale: Locale): Promise<DaySheetSlot[]> {
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
  // Permission slips (issue 16): how many of each class group are cleared to travel.
  const slips = await slipCountsForBookings(db, bookings.map((b) => b.id));
  return slots.map((s) => ({
    id: s.id,
    startsAt: s.starts_at,
    endsAt: s.ends_at,
    capacity: s.capacity_students,
    held: s.held_students,
    title: localized(s, "title", locale),
    bookings: bookings
      .filter((b) => b.slot_id === s.id)
      .map((b) => ({ id: b.id, reference: b.reference, status: b.status, schoolName: b.school_name, slips: slips.get(b.id) ?? null, ...bookingGroup(b) })),
  }));
}

/** Bookings whose visit falls in [from, to] (local dates), for the CSV export; titles in the reader's language. */
export async function listBookingsForExport(db: DB, input: { from: string; to: string; locale: Locale }) {
  const { from, to, locale } = input;
  const rows = await bookingBase(db)
    .leftJoin("users as u", "u.id", "b.booked_by")
    .select([
      "b.reference",
      "b.status",
      "s.starts_at",
      "s.ends_at",
      "p.title_vi",
      "p.title_en",
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
  return rows.map((r) => ({
    reference: r.reference,
    status: r.status,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    title: localized(r, "title", locale),
    schoolName: r.school_name,
    ...bookingGroup(r),
    actualStudents: r.actual_students,
    bookerName: r.booker_name,
    createdAt: r.created_at,
  }));
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
export async function listUpcomingForSchools(db: DB, input: { schoolIds: number[]; now: string; locale: Locale; limit?: number }): Promise<BookingListItem[]> {
  const { schoolIds, now, locale, limit = 5 } = input;
  if (schoolIds.length === 0) return [];
  const rows = await bookingBase(db)
    .select(listColumns)
    .where("b.school_id", "in", schoolIds)
    .where("b.status", "in", ["requested", "confirmed"])
    .where("s.starts_at", ">", now)
    .orderBy("s.starts_at")
    .limit(limit)
    .execute();
  return rows.map((r) => listItem(r, locale));
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
