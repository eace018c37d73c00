// The capabilities at the awkward moments of the Vietnamese calendar, with fixed instants passed as `now` (never
// the clock): New Year in Vietnam while UTC is still in the old year, the last day of a month, a Sunday night.
// An implementation that used the UTC date, the server's time zone or the real clock fails here.
import { describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { vnLocalToIso } from "~/lib/time";
import { createBooking } from "~/tours/bookings.server";
import { canSchoolCancelAt, generateRecurringSlots, monthGrid, monthRangeIso, schoolCancelDeadline } from "~/tours/rules";
import { getTourById, listSlots } from "~/tours/tours.server";
import { cancelRegistration, registerForSession } from "~/workshops/registration.server";
import { createTestUser } from "../helpers/factories";
import {
  FEB_1_0000_VN,
  FEB_1_0030_VN,
  LAST_SUNDAY_2330_VN,
  LAST_SUNDAY_2359_VN,
  NEW_YEAR_0030_VN,
  NEW_YEARS_EVE_2330_VN,
} from "../helpers/instants";
import { bookingInput, createSchoolWithTeacher, createSlotAt, createTestTour, sessionUserOf } from "../helpers/tours";
import { createWorkshop } from "../helpers/workshops";

const student = async (opts: { grade?: number | null; birthYear?: number | null } = {}) => {
  const u = await createTestUser({ role: "student", grade: opts.grade ?? null, birthYear: opts.birthYear ?? null });
  return { id: u.id, role: "student" as const, locale: "vi" as const };
};

/** A workshop whose one meeting is at a fixed instant (not relative to the clock). */
const workshopAt = (startsAt: string, session: Record<string, unknown> = {}, program: Record<string, unknown> = {}) =>
  createWorkshop({
    program: program as never,
    session: { meetings: [{ startsAt, endsAt: new Date(Date.parse(startsAt) + 2 * 3_600_000).toISOString() }], ...session } as never,
  });

describe("00:30 on 1 January in Vietnam (17:30 on 31 December in UTC)", () => {
  it("a booking made then has a reference of the new year; one made an hour earlier, of the old one", async () => {
    const tour = await createTestTour();
    const slot = await createSlotAt(db, tour.id, "2027-01-12T02:00:00.000Z");
    const one = await createSchoolWithTeacher("Trường THCS Giao Thừa");
    const two = await createSchoolWithTeacher("Trường THCS Năm Mới");
    const t = (await getTourById(db, tour.id))!;
    const before = await createBooking(db, { user: await sessionUserOf(db, one.teacher.id), tour: t, form: bookingInput(slot.id), now: NEW_YEARS_EVE_2330_VN });
    const after = await createBooking(db, { user: await sessionUserOf(db, two.teacher.id), tour: t, form: bookingInput(slot.id), now: NEW_YEAR_0030_VN });
    expect(before.ok && before.value.reference).toMatch(/^TQ-2026-\d{4}$/);
    // The first reference of 2027 (no other test of this file books in 2027): the sequence restarts with the year.
    expect(after.ok && after.value.reference).toBe("TQ-2027-0001");
  });

  it("age limits use the year in Vietnam: born in 2015, 11 on New Year's Eve, 12 at 00:30 on 1 January", async () => {
    const { programId, sessionId } = await workshopAt("2027-01-20T01:00:00.000Z", {}, { ageMin: 12, ageMax: 14, gradeMin: null, gradeMax: null });
    const early = await student({ birthYear: 2015 });
    const late = await student({ birthYear: 2015 });
    expect(await registerForSession(db, { programId, sessionId, user: early, now: NEW_YEARS_EVE_2330_VN })).toMatchObject({ ok: false, reason: "notEligible" });
    expect(await registerForSession(db, { programId, sessionId, user: late, now: NEW_YEAR_0030_VN })).toMatchObject({ ok: true, value: { status: "confirmed" } });
  });
});

describe("the last day of a month", () => {
  it("registration that closes at midnight after 31 January: open at 23:59, closed at 00:00 on 1 February (Vietnam)", async () => {
    const { programId, sessionId } = await workshopAt("2027-02-10T01:00:00.000Z", { registrationClosesAt: FEB_1_0000_VN });
    const [a, b] = [await student({ grade: 8 }), await student({ grade: 8 })];
    expect(await registerForSession(db, { programId, sessionId, user: a, now: LAST_SUNDAY_2359_VN })).toMatchObject({ ok: true });
    expect(await registerForSession(db, { programId, sessionId, user: b, now: FEB_1_0000_VN })).toMatchObject({ ok: false, reason: "closed" });
    const regs = await db.selectFrom("workshop_registrations").select("user_id").where("session_id", "=", sessionId).execute();
    expect(regs).toEqual([{ user_id: a.id }]);
  });

  it("the tour calendar puts 23:30 on 31 January in January and 00:30 on 1 February in February (Vietnam), though both are 31 January in UTC", async () => {
    const tour = await createTestTour();
    const late = await createSlotAt(db, tour.id, LAST_SUNDAY_2330_VN);
    const early = await createSlotAt(db, tour.id, FEB_1_0030_VN);
    expect((await listSlots(db, tour.id, monthRangeIso("2027-01"))).map((s) => s.id)).toEqual([late.id]);
    expect((await listSlots(db, tour.id, monthRangeIso("2027-02"))).map((s) => s.id)).toEqual([early.id]);
    // The month grid ends on that Sunday: the last week's seventh cell.
    const weeks = monthGrid("2027-01");
    expect(weeks[weeks.length - 1]).toEqual(["2027-01-25", "2027-01-26", "2027-01-27", "2027-01-28", "2027-01-29", "2027-01-30", "2027-01-31"]);
  });
});

describe("a Sunday night", () => {
  it("a weekly slot on Sundays at 23:30 falls on Sunday in Vietnam (16:30 UTC), not on Monday or Saturday", () => {
    const slots = generateRecurringSlots({ startDate: "2027-01-25", weeks: 2, weekdays: [7], times: ["23:30"], blackoutDates: [], durationMinutes: 60 });
    expect(slots.map((s) => [s.date, s.startsAt])).toEqual([
      ["2027-01-31", LAST_SUNDAY_2330_VN],
      ["2027-02-07", vnLocalToIso("2027-02-07", "23:30")],
    ]);
  });

  it("a workshop cancellation deadline at midnight after Sunday: cancelling at 23:30 on Sunday works, at 00:00 on Monday it is refused (Vietnam)", async () => {
    const { programId, sessionId } = await workshopAt("2027-02-03T01:00:00.000Z", { cancellationDeadline: FEB_1_0000_VN });
    const [a, b] = [await student({ grade: 8 }), await student({ grade: 8 })];
    const ra = await registerForSession(db, { programId, sessionId, user: a, now: "2027-01-20T03:00:00.000Z" });
    const rb = await registerForSession(db, { programId, sessionId, user: b, now: "2027-01-20T03:00:00.000Z" });
    if (!ra.ok || !rb.ok) throw new Error("setup");
    expect(await cancelRegistration(db, { registrationId: ra.value.registrationId, userId: a.id, now: LAST_SUNDAY_2330_VN })).toMatchObject({ ok: true });
    expect(await cancelRegistration(db, { registrationId: rb.value.registrationId, userId: b.id, now: FEB_1_0000_VN })).toMatchObject({
      ok: false,
      reason: "deadlinePassed",
    });
    const statuses = await db.selectFrom("workshop_registrations").select(["user_id", "status"]).where("session_id", "=", sessionId).orderBy("user_id").execute();
    expect(statuses).toEqual([
      { user_id: a.id, status: "cancelled" },
      { user_id: b.id, status: "confirmed" },
    ]);
  });

  it("a school may cancel a tour until 3 whole days before a Wednesday 23:30 visit: before Sunday 23:30, not at it (Vietnam)", () => {
    const visit = vnLocalToIso("2027-02-03", "23:30");
    expect(schoolCancelDeadline(visit, 3)).toBe(LAST_SUNDAY_2330_VN);
    expect(canSchoolCancelAt(visit, 3, vnLocalToIso("2027-01-31", "23:29"))).toBe(true);
    expect(canSchoolCancelAt(visit, 3, LAST_SUNDAY_2330_VN)).toBe(false);
  });
});
