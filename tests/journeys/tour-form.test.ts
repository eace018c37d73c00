// Issue 19 point 6: the tour booking form filled from a class (owner only), its summary data (slot end, fee,
// the school's cancellation deadline), and the staff queue's order (a bad order is a 400, never a 500).
import { describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { loader as queueLoader } from "~/routes/staff.bookings._index";
import { action as tourAction, loader as tourLoader } from "~/routes/tours.$slug";
import { prefillFromClass } from "~/tours/bookings.server";
import { listBookingsByStatus } from "~/tours/queries.server";
import { createTestClass, createTestUser } from "../helpers/factories";
import { callAction, callLoader, fieldErrorsOf, makeRequest } from "../helpers/http";
import { bookingForm, createSchoolWithTeacher, createSlotAt, createTestSlot, createTestTour, sessionUserOf, tourTables } from "../helpers/tours";

const useClass = async (slug: string, userId: number, form: Record<string, string | number>) =>
  callAction(tourAction, await makeRequest(`/tours/${slug}`, { userId, form: { intent: "useClass", ...form } }), { slug });

describe("filling the booking form from a class", () => {
  it("fills the class's size and grade and the teacher's name; keeps what was typed; the phone of the last booking", async () => {
    const tour = await createTestTour({ groupMin: 3 });
    const slot = await createTestSlot(tour.id);
    const { teacher, schoolId } = await createSchoolWithTeacher();
    const classId = await createTestClass({ schoolId, ownerId: teacher.id, newStudents: 12, name: "Lớp 8A-điền" });
    const r = await useClass(tour.slug, teacher.id, { slotId: slot.id, classId, notes: "Đi xe buýt", contactName: "", contactPhone: "", students: "", adults: "" });
    expect(r.status).toBe(200);
    const initial = r.data.submission.initialValue;
    expect(initial).toMatchObject({ slotId: String(slot.id), classId: String(classId), students: "12", gradeMin: "8", gradeMax: "8", notes: "Đi xe buýt" });
    const name = (await db.selectFrom("users").select("full_name").where("id", "=", teacher.id).executeTakeFirstOrThrow()).full_name;
    expect(initial.contactName).toBe(name);
    expect(r.data.filledFrom).toEqual({ name: "Lớp 8A-điền", students: 12, grade: 8 });
    expect(typeof r.data.refill).toBe("string");
    // Nothing was booked by filling the form.
    expect(await db.selectFrom("tour_bookings").select("id").where("booked_by", "=", teacher.id).execute()).toHaveLength(0);

    // After a booking, its contact phone is remembered; a typed contact is never overwritten.
    const booked = await callAction(tourAction, await makeRequest(`/tours/${tour.slug}`, { userId: teacher.id, form: bookingForm(slot.id, { contactPhone: "0987 654 321" }) }), { slug: tour.slug });
    expect(booked.status).toBe(302);
    const again = await useClass(tour.slug, teacher.id, { slotId: slot.id, classId, contactName: "Cô Lan" });
    expect(again.data.submission.initialValue).toMatchObject({ contactName: "Cô Lan", contactPhone: "0987 654 321", students: "12" });
    expect(again.data.refill).not.toBe(r.data.refill);
  });

  it("another teacher's class is refused (403) and reveals nothing: not its name, not its size; nothing changes", async () => {
    const tour = await createTestTour();
    const slot = await createTestSlot(tour.id);
    const { teacher } = await createSchoolWithTeacher();
    const other = await createSchoolWithTeacher("Trường khác");
    const foreign = await createTestClass({ schoolId: other.schoolId, ownerId: other.teacher.id, newStudents: 7, name: "Lớp bí mật 9Z" });
    const before = await tourTables(db);
    const r = await useClass(tour.slug, teacher.id, { slotId: slot.id, classId: foreign, students: "" });
    expect(r.status).toBe(403);
    expect(fieldErrorsOf(r)).toEqual({ classId: ["bookings.errors.classNotYours"] });
    const text = JSON.stringify(r.data);
    expect(text).not.toContain("Lớp bí mật 9Z");
    expect(r.data.submission.initialValue.students ?? "").toBe("");
    expect(await tourTables(db)).toEqual(before);

    // The capability says the same; a student may not use it at all; no class chosen → a field error.
    const user = await sessionUserOf(db, teacher.id);
    expect(await prefillFromClass(db, { user, classId: foreign })).toMatchObject({ ok: false, reason: "classNotYours" });
    const student = await createTestUser({ role: "student" });
    expect(await prefillFromClass(db, { user: await sessionUserOf(db, student.id), classId: foreign })).toMatchObject({ ok: false, reason: "notAllowed" });
    const none = await useClass(tour.slug, teacher.id, { slotId: slot.id, classId: "" });
    expect(none.status).toBe(400);
    expect(fieldErrorsOf(none)).toEqual({ classId: ["tours.book.chooseClass"] });
  });

  it("the form's slots carry their end and whether the school's own cancellation deadline has passed", async () => {
    const tour = await createTestTour({ cancelDaysBefore: 3, feeVnd: 50_000 });
    const soon = await createSlotAt(db, tour.id, new Date(Date.now() + 2 * 86_400_000).toISOString());
    const later = await createSlotAt(db, tour.id, new Date(Date.now() + 10 * 86_400_000).toISOString());
    const { teacher } = await createSchoolWithTeacher();
    const page = await callLoader(tourLoader, await makeRequest(`/tours/${tour.slug}`, { userId: teacher.id }), { slug: tour.slug });
    const slots = page.data.slots as { id: number; endsAt: string; cancelPassed: boolean; cancelBy: string }[];
    expect(slots.find((s) => s.id === soon.id)).toMatchObject({ cancelPassed: true });
    expect(slots.find((s) => s.id === later.id)).toMatchObject({ cancelPassed: false });
    expect(slots.find((s) => s.id === later.id)!.cancelBy).toBe(new Date(Date.parse(later.starts_at) - 3 * 86_400_000).toISOString());
    expect(page.data.tour).toMatchObject({ feeVnd: 50_000, cancelDaysBefore: 3 });
  });
});

describe("the staff queue's order", () => {
  it("by visit date (default: soonest first) or by request date (oldest first); a bad order is 400", async () => {
    const tour = await createTestTour();
    const { teacher, coordinator } = await createSchoolWithTeacher();
    const late = await createTestSlot(tour.id, { daysAhead: 30 });
    const early = await createTestSlot(tour.id, { daysAhead: 5 });
    // The later visit is requested first.
    for (const [u, s] of [[teacher, late], [coordinator, early]] as const) {
      const r = await callAction(tourAction, await makeRequest(`/tours/${tour.slug}`, { userId: u.id, form: bookingForm(s.id) }), { slug: tour.slug });
      expect(r.status).toBe(302);
    }
    const mine = async (sort?: "visit" | "age") => {
      const { rows } = await listBookingsByStatus(db, { status: "requested", page: 1, locale: "vi", sort });
      return rows.filter((r) => r.slug === tour.slug).map((r) => r.startsAt);
    };
    expect(await mine()).toEqual([early.starts_at, late.starts_at]);
    expect(await mine("age")).toEqual([late.starts_at, early.starts_at]);

    const staff = await createTestUser({ role: "staff" });
    const byVisit = await callLoader(queueLoader, await makeRequest("/staff/bookings?sort=visit", { userId: staff.id }));
    expect(byVisit.status).toBe(200);
    expect(byVisit.data.sort).toBe("visit");
    const starts = byVisit.data.rows.map((r: { startsAt: string }) => r.startsAt);
    expect([...starts].sort()).toEqual(starts);
    for (const bad of ["soonest", "", "visit'--", "AGE"]) {
      const r = await callLoader(queueLoader, await makeRequest(`/staff/bookings?sort=${encodeURIComponent(bad)}`, { userId: staff.id }));
      expect(r.status).toBe(400);
    }
    // The order is staff-only like the queue.
    expect((await callLoader(queueLoader, await makeRequest("/staff/bookings?sort=age", { userId: teacher.id }))).status).toBe(403);
  });
});
