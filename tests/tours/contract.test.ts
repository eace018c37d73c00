// The tours capability called directly with fixed instants (`now` comes from the caller): its answers are
// Results with reason codes, every reason has a message in both languages, and a refusal changes nothing.
import { describe, expect, it } from "vitest";
import { catalogues } from "~/i18n/messages";
import { db } from "~/lib/db.server";
import type { RefusalMap } from "~/lib/refusals";
import { schoolRefusals } from "~/schools/refusals";
import { createBooking } from "~/tours/bookings.server";
import { changeBooking } from "~/tours/lifecycle.server";
import { bookingRefusals, changeRefusals, saveTourRefusals, slotRefusals } from "~/tours/refusals";
import { addSlot, planRecurringSlots } from "~/tours/staff.server";
import { getTourById } from "~/tours/tours.server";
import { createTestUser } from "../helpers/factories";
import { bookingInput, createSchoolWithTeacher, createSlotAt, createTestTour, sessionUserOf, tourTables } from "../helpers/tours";

async function tourRow(id: number) {
  const tour = await getTourById(db, id);
  if (!tour) throw new Error("no tour");
  return tour;
}

describe("refusal tables", () => {
  it("every reason of every tours and schools table has a message in Vietnamese and in English", () => {
    const tables: RefusalMap<string>[] = [bookingRefusals, changeRefusals, saveTourRefusals, slotRefusals, schoolRefusals];
    for (const table of tables) {
      for (const [reason, rule] of Object.entries(table)) {
        expect(catalogues.vi[rule.key], reason).toBeTruthy();
        expect(catalogues.en[rule.key], reason).toBeTruthy();
        expect([400, 403, 404, 409]).toContain(rule.status);
      }
    }
  });
});

describe("booking at a fixed instant", () => {
  it("a slot starting at `now` is past (refused, nothing changed); one minute earlier it is booked", async () => {
    const tour = await createTestTour();
    const slot = await createSlotAt(db, tour.id, "2030-03-10T01:00:00.000Z", { capacity: 60 });
    const { teacher } = await createSchoolWithTeacher();
    const user = await sessionUserOf(db, teacher.id);
    const before = await tourTables(db);
    const late = await createBooking(db, { user, tour: await tourRow(tour.id), form: bookingInput(slot.id), now: "2030-03-10T01:00:00.000Z" });
    expect(late).toEqual({ ok: false, reason: "slotPast" });
    expect(await tourTables(db)).toEqual(before);
    const early = await createBooking(db, { user, tour: await tourRow(tour.id), form: bookingInput(slot.id), now: "2030-03-10T00:59:00.000Z" });
    expect(early).toEqual({ ok: true, value: { bookingId: expect.any(Number), reference: expect.stringMatching(/^TQ-2030-\d{4}$/) } });
  });

  it("the reference takes the year in Vietnam: at 00:30 on 1 January (UTC+7) it is already the new year", async () => {
    const tour = await createTestTour();
    const slot = await createSlotAt(db, tour.id, "2027-01-05T01:00:00.000Z");
    const { teacher, coordinator } = await createSchoolWithTeacher();
    // 2026-12-31T17:30Z is 00:30 on 1 January 2027 in Vietnam, still 2026 in UTC.
    const newYear = await createBooking(db, { user: await sessionUserOf(db, teacher.id), tour: await tourRow(tour.id), form: bookingInput(slot.id), now: "2026-12-31T17:30:00.000Z" });
    expect(newYear.ok && newYear.value.reference).toMatch(/^TQ-2027-\d{4}$/);
    // One minute before midnight in Vietnam it is still 2026.
    const oldYear = await createBooking(db, { user: await sessionUserOf(db, coordinator.id), tour: await tourRow(tour.id), form: bookingInput(slot.id), now: "2026-12-31T16:59:00.000Z" });
    expect(oldYear.ok && oldYear.value.reference).toMatch(/^TQ-2026-\d{4}$/);
  });

  it("refusals carry their reason and message parameters, never a status or a message key", async () => {
    const tour = await createTestTour({ groupMin: 10, groupMax: 45 });
    const slot = await createSlotAt(db, tour.id, "2030-05-01T01:00:00.000Z", { capacity: 40, held: 25 });
    const { teacher } = await createSchoolWithTeacher();
    const user = await sessionUserOf(db, teacher.id);
    const now = "2030-04-01T00:00:00.000Z";
    const before = await tourTables(db);
    const row = await tourRow(tour.id);
    expect(await createBooking(db, { user, tour: row, form: bookingInput(slot.id, { students: 5 }), now })).toEqual({ ok: false, reason: "groupSize", params: { min: 10, max: 45 } });
    expect(await createBooking(db, { user, tour: row, form: bookingInput(slot.id, { students: 20 }), now })).toEqual({ ok: false, reason: "slotFull", params: { left: 15 } });
    const student = await sessionUserOf(db, (await createTestUser({ role: "student" })).id);
    expect(await createBooking(db, { user: student, tour: row, form: bookingInput(slot.id), now })).toEqual({ ok: false, reason: "notAllowed" });
    expect(await tourTables(db)).toEqual(before);
  });
});

describe("changing a booking at a fixed instant", () => {
  it("the school may cancel until the deadline (exclusive); the visit is completed only once started", async () => {
    const tour = await createTestTour({ cancelDaysBefore: 3 });
    const startsAt = "2030-06-10T01:00:00.000Z";
    const slot = await createSlotAt(db, tour.id, startsAt);
    const { teacher, schoolId } = await createSchoolWithTeacher();
    const staff = await createTestUser({ role: "staff" });
    const booked = await createBooking(db, { user: await sessionUserOf(db, teacher.id), tour: await tourRow(tour.id), form: bookingInput(slot.id), now: "2030-05-01T00:00:00.000Z" });
    if (!booked.ok) throw new Error(booked.reason);
    const bookingId = booked.value.bookingId;
    const school = { userId: teacher.id, kind: "school" as const, schoolIds: [schoolId] };

    const before = await tourTables(db);
    const atDeadline = await changeBooking(db, { bookingId, actor: school, change: { action: "cancelBySchool", reason: "" }, now: "2030-06-07T01:00:00.000Z" });
    expect(atDeadline).toEqual({ ok: false, reason: "cancelDeadline" });
    const completeRequested = await changeBooking(db, { bookingId, actor: { userId: staff.id, kind: "staff" }, change: { action: "complete", actualStudents: 30 }, now: "2030-06-11T00:00:00.000Z" });
    expect(completeRequested).toEqual({ ok: false, reason: "illegalTransition" });
    expect(await changeBooking(db, { bookingId, actor: school, change: { action: "confirm", message: "" }, now: "2030-06-01T00:00:00.000Z" })).toEqual({ ok: false, reason: "notAllowed" });
    expect(await changeBooking(db, { bookingId, actor: { ...school, schoolIds: [] }, change: { action: "cancelBySchool", reason: "" }, now: "2030-06-01T00:00:00.000Z" })).toEqual({ ok: false, reason: "notFound" });
    expect(await tourTables(db)).toEqual(before);

    const staffActor = { userId: staff.id, kind: "staff" as const };
    expect(await changeBooking(db, { bookingId, actor: staffActor, change: { action: "confirm", message: "" }, now: "2030-06-01T00:00:00.000Z" })).toEqual({ ok: true, value: { status: "confirmed" } });
    const beforeStart = await tourTables(db);
    expect(await changeBooking(db, { bookingId, actor: staffActor, change: { action: "complete", actualStudents: 29 }, now: "2030-06-10T00:59:00.000Z" })).toEqual({ ok: false, reason: "notYetVisited" });
    expect(await tourTables(db)).toEqual(beforeStart);
    expect(await changeBooking(db, { bookingId, actor: staffActor, change: { action: "complete", actualStudents: 29 }, now: startsAt })).toEqual({ ok: true, value: { status: "completed" } });
  });

  it("one minute before the deadline the school's cancel goes through and the seats are released", async () => {
    const tour = await createTestTour({ cancelDaysBefore: 3 });
    const slot = await createSlotAt(db, tour.id, "2030-07-10T01:00:00.000Z");
    const { teacher, schoolId } = await createSchoolWithTeacher();
    const booked = await createBooking(db, { user: await sessionUserOf(db, teacher.id), tour: await tourRow(tour.id), form: bookingInput(slot.id), now: "2030-07-01T00:00:00.000Z" });
    if (!booked.ok) throw new Error(booked.reason);
    const r = await changeBooking(db, {
      bookingId: booked.value.bookingId,
      actor: { userId: teacher.id, kind: "school", schoolIds: [schoolId] },
      change: { action: "cancelBySchool", reason: "" },
      now: "2030-07-07T00:59:00.000Z",
    });
    expect(r).toEqual({ ok: true, value: { status: "cancelled" } });
    expect((await db.selectFrom("tour_slots").select("held_students").where("id", "=", slot.id).executeTakeFirstOrThrow()).held_students).toBe(0);
  });
});

describe("slots at the turn of a day in Vietnam", () => {
  // 2026-12-04T17:30Z is 00:30 on 5 December in Vietnam.
  const now = "2026-12-04T17:30:00.000Z";

  it("a slot earlier today (Vietnam time) is in the past; later today is added; twice is refused", async () => {
    const tour = await createTestTour({ durationMinutes: 90 });
    const row = await tourRow(tour.id);
    const before = await tourTables(db);
    expect(await addSlot(db, { tour: row, date: "2026-12-05", time: "00:15", capacity: 30, now })).toEqual({ ok: false, reason: "datePast" });
    expect(await tourTables(db)).toEqual(before);
    expect(await addSlot(db, { tour: row, date: "2026-12-05", time: "08:00", capacity: 30, now })).toEqual({ ok: true, value: undefined });
    const created = await db.selectFrom("tour_slots").selectAll().where("program_id", "=", tour.id).execute();
    expect(created).toMatchObject([{ starts_at: "2026-12-05T01:00:00.000Z", ends_at: "2026-12-05T02:30:00.000Z", capacity_students: 30 }]);
    expect(await addSlot(db, { tour: row, date: "2026-12-05", time: "08:00", capacity: 30, now })).toEqual({ ok: false, reason: "slotExists" });
  });

  it("a recurring pattern may start today in Vietnam (yesterday is refused, next to the start date)", async () => {
    const tour = await createTestTour({ durationMinutes: 60 });
    const row = await tourRow(tour.id);
    const pattern = { weeks: 1, weekdays: [1, 2, 3, 4, 5, 6, 7], times: ["00:15", "08:00"], blackoutDates: [] };
    expect(planRecurringSlots(row, { ...pattern, startDate: "2026-12-04" }, now)).toEqual({ ok: false, reason: "datePast", field: "startDate" });
    const plan = planRecurringSlots(row, { ...pattern, startDate: "2026-12-05" }, now);
    // 7 days × 2 times, less 00:15 today (already started).
    expect(plan.ok && plan.value.length).toBe(13);
    expect(plan.ok && plan.value[0].startsAt).toBe("2026-12-05T01:00:00.000Z");
  });
});
