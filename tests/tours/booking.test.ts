// Booking through the real route action: checks, seats held, references, bad input → 4xx with nothing changed.
import { describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { vnYear } from "~/lib/time";
import { action as tourAction, loader as tourLoader } from "~/routes/tours.$slug";
import { createTestClass, createTestUser } from "../helpers/factories";
import { callAction, callLoader, fieldErrorsOf, makeRequest } from "../helpers/http";
import { bookingForm, createSchoolWithTeacher, createTestSlot, createTestTour, tourTables } from "../helpers/tours";

async function book(slug: string, userId: number, form: Record<string, string | number>) {
  return callAction(tourAction, await makeRequest(`/tours/${slug}`, { userId, form }), { slug });
}
const held = async (slotId: number) => (await db.selectFrom("tour_slots").select("held_students").where("id", "=", slotId).executeTakeFirstOrThrow()).held_students;
const bookingCount = async () => Number((await db.selectFrom("tour_bookings").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);

describe("booking a slot", () => {
  it("a teacher of an approved school books: requested, seats held, reference TQ-year-nnnn, redirected to the booking", async () => {
    const tour = await createTestTour();
    const slot = await createTestSlot(tour.id, { capacity: 90 });
    const { teacher, schoolId } = await createSchoolWithTeacher();
    const r = await book(tour.slug, teacher.id, bookingForm(slot.id));
    expect(r.status).toBe(302);
    expect(r.location).toMatch(/^\/bookings\/\d+\?notice=notice\.bookings\.created$/);
    const b = await db.selectFrom("tour_bookings").selectAll().where("booked_by", "=", teacher.id).executeTakeFirstOrThrow();
    expect(b).toMatchObject({ status: "requested", students: 30, adults: 2, school_id: schoolId, slot_id: slot.id, grade_min: 7, grade_max: 8 });
    expect(b.reference).toMatch(new RegExp(`^TQ-${vnYear(b.created_at)}-\\d{4}$`));
    expect(await held(slot.id)).toBe(30);
  });

  it("references are unique and sequential within the year", async () => {
    const tour = await createTestTour();
    const { teacher, coordinator } = await createSchoolWithTeacher();
    const refs: string[] = [];
    for (const u of [teacher, coordinator, teacher]) {
      const slot = await createTestSlot(tour.id);
      const r = await book(tour.slug, u.id, bookingForm(slot.id));
      expect(r.status).toBe(302);
      const id = Number(r.location!.split("/")[2].split("?")[0]);
      refs.push((await db.selectFrom("tour_bookings").select("reference").where("id", "=", id).executeTakeFirstOrThrow()).reference);
    }
    const seq = refs.map((r) => Number(r.split("-")[2]));
    expect(new Set(refs).size).toBe(3);
    expect(seq[1]).toBe(seq[0] + 1);
    expect(seq[2]).toBe(seq[1] + 1);
  });

  it("a class the teacher teaches: the student count defaults to its members; another teacher's class is refused", async () => {
    const tour = await createTestTour({ groupMin: 3 });
    const slot = await createTestSlot(tour.id);
    const { teacher, schoolId } = await createSchoolWithTeacher();
    const classId = await createTestClass({ schoolId, ownerId: teacher.id, newStudents: 12 });
    const r = await book(tour.slug, teacher.id, bookingForm(slot.id, { classId, students: "", adults: 1 }));
    expect(r.status).toBe(302);
    const b = await db.selectFrom("tour_bookings").selectAll().where("class_id", "=", classId).executeTakeFirstOrThrow();
    expect(b.students).toBe(12);

    const other = await createSchoolWithTeacher("Trường khác");
    const foreignClass = await createTestClass({ schoolId: other.schoolId, ownerId: other.teacher.id, newStudents: 5 });
    const before = await bookingCount();
    const tables = await tourTables(db);
    const refused = await book(tour.slug, teacher.id, bookingForm(slot.id, { classId: foreignClass }));
    expect(refused.status).toBe(400);
    expect(fieldErrorsOf(refused).classId).toEqual(["bookings.errors.classNotYours"]);
    expect(await bookingCount()).toBe(before);
    expect(await tourTables(db)).toEqual(tables);
  });

  it("the loader offers bookable slots and the user's classes; the calendar shows seats left", async () => {
    const tour = await createTestTour();
    const slot = await createTestSlot(tour.id, { daysAhead: 3, capacity: 50, held: 5 });
    const { teacher } = await createSchoolWithTeacher();
    const month = slot.starts_at.slice(0, 7);
    const r = await callLoader(tourLoader, await makeRequest(`/tours/${tour.slug}?month=${month}`, { userId: teacher.id }), { slug: tour.slug });
    expect(r.status).toBe(200);
    expect(r.data.booker).toBe("ready");
    expect(r.data.slots.map((s: { id: number }) => s.id)).toContain(slot.id);
    const cell = Object.values(r.data.calendar.days as Record<string, { id: number; left: number }[]>).flat().find((s) => s.id === slot.id);
    expect(cell?.left).toBe(45);
    // Anonymous visitors see the page and calendar but no booking choices.
    const anon = await callLoader(tourLoader, await makeRequest(`/tours/${tour.slug}`), { slug: tour.slug });
    expect(anon.data.booker).toBe("anonymous");
    expect(anon.data.slots).toEqual([]);
  });
});

describe("bad input: a clear message next to the field, nothing changed", () => {
  it("counts outside the group limits, too few adults (with the number needed), grades outside the tour, a past slot, another tour's slot, a full slot", async () => {
    const tour = await createTestTour({ groupMin: 10, groupMax: 45, gradeMin: 6, gradeMax: 9 }, [
      { gradeMin: 6, gradeMax: 7, studentsPerAdult: 10 },
      { gradeMin: 8, gradeMax: 9, studentsPerAdult: 15 },
    ]);
    const other = await createTestTour();
    const slot = await createTestSlot(tour.id, { capacity: 40 });
    const pastSlot = await createTestSlot(tour.id, { daysAhead: -2 });
    const otherSlot = await createTestSlot(other.id);
    const { teacher } = await createSchoolWithTeacher();
    const before = await bookingCount();
    const tables = await tourTables(db);

    const few = await book(tour.slug, teacher.id, bookingForm(slot.id, { students: 5 }));
    expect(few.status).toBe(400);
    expect(fieldErrorsOf(few).students).toEqual(["tours.errors.groupSize"]);
    expect(few.data.params).toEqual({ min: 10, max: 45 });

    const many = await book(tour.slug, teacher.id, bookingForm(slot.id, { students: 46 }));
    expect(fieldErrorsOf(many).students).toEqual(["tours.errors.groupSize"]);

    // Grades 7–8 span two bands: the strictest (1 per 10) applies → 30 students need 3 adults.
    const adults = await book(tour.slug, teacher.id, bookingForm(slot.id, { students: 30, gradeMin: 7, gradeMax: 8, adults: 2 }));
    expect(adults.status).toBe(400);
    expect(fieldErrorsOf(adults).adults).toEqual(["tours.errors.tooFewAdults"]);
    expect(adults.data.params).toEqual({ needed: 3 });

    const grades = await book(tour.slug, teacher.id, bookingForm(slot.id, { gradeMin: 10, gradeMax: 11 }));
    expect(fieldErrorsOf(grades).gradeMin).toEqual(["tours.errors.gradeOutside"]);

    const reversed = await book(tour.slug, teacher.id, bookingForm(slot.id, { gradeMin: 9, gradeMax: 7 }));
    expect(fieldErrorsOf(reversed).gradeMax).toEqual(["tours.errors.gradeRange"]);

    const past = await book(tour.slug, teacher.id, bookingForm(pastSlot.id, { adults: 3 }));
    expect(fieldErrorsOf(past).slotId).toEqual(["tours.errors.slotPast"]);

    const foreign = await book(tour.slug, teacher.id, bookingForm(otherSlot.id, { adults: 3 }));
    expect(fieldErrorsOf(foreign).slotId).toEqual(["tours.errors.slotOtherTour"]);

    const full = await book(tour.slug, teacher.id, bookingForm(slot.id, { students: 41, adults: 5 }));
    expect(full.status).toBe(409); // 41 is within 10–45 but the slot holds 40
    expect(fieldErrorsOf(full).slotId).toEqual(["tours.errors.slotFull"]);

    const junk = await book(tour.slug, teacher.id, { slotId: "abc", students: "x", gradeMin: "", adults: -1, contactName: "", contactPhone: "12" });
    expect(junk.status).toBe(400);
    expect(Object.keys(fieldErrorsOf(junk)).sort()).toEqual(expect.arrayContaining(["slotId", "adults", "contactName", "contactPhone"]));

    expect(await bookingCount()).toBe(before);
    expect(await held(slot.id)).toBe(0);
    // Nothing at all changed: no booking, no seat held, no reference number used up, nobody notified.
    expect(await tourTables(db)).toEqual(tables);
  });

  it("a slot without room: 409 with the seats left; a double submit is refused and holds nothing twice", async () => {
    const tour = await createTestTour();
    const slot = await createTestSlot(tour.id, { capacity: 50 });
    const { teacher, coordinator } = await createSchoolWithTeacher();
    expect((await book(tour.slug, teacher.id, bookingForm(slot.id, { students: 30 }))).status).toBe(302);
    const tables = await tourTables(db);
    const twice = await book(tour.slug, teacher.id, bookingForm(slot.id, { students: 15 }));
    expect(twice.status).toBe(409);
    expect(fieldErrorsOf(twice).slotId).toEqual(["bookings.errors.duplicate"]);
    const full = await book(tour.slug, coordinator.id, bookingForm(slot.id, { students: 25 }));
    expect(full.status).toBe(409);
    expect(fieldErrorsOf(full).slotId).toEqual(["tours.errors.slotFull"]);
    expect(full.data.params).toEqual({ left: 20 });
    expect(await held(slot.id)).toBe(30);
    expect(await tourTables(db)).toEqual(tables);
  });

  it("unknown or malformed tour slugs are 404, never 500", async () => {
    const { teacher } = await createSchoolWithTeacher();
    expect((await callLoader(tourLoader, await makeRequest("/tours/khong-co"), { slug: "khong-co" })).status).toBe(404);
    expect((await callLoader(tourLoader, await makeRequest("/tours/%00"), { slug: "\u0000<script>" })).status).toBe(404);
    expect((await book("khong-co", teacher.id, bookingForm(1))).status).toBe(404);
    const draft = await createTestTour({ status: "draft" });
    expect((await callLoader(tourLoader, await makeRequest(`/tours/${draft.slug}`), { slug: draft.slug })).status).toBe(404);
    const student = await createTestUser({ role: "student" });
    expect((await book(draft.slug, student.id, bookingForm(1))).status).toBe(403);
  });
});
