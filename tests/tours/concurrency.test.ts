// 20 schools booking one slot at the same moment through the real action never exceed its capacity.
import { describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { action as tourAction } from "~/routes/tours.$slug";
import { action as staffBookingAction } from "~/routes/staff.bookings.$id";
import { createTestUser } from "../helpers/factories";
import { callAction, makeRequest } from "../helpers/http";
import { bookingForm, createSchoolWithTeacher, createTestSlot, createTestTour } from "../helpers/tours";

describe("capacity under concurrency", () => {
  it("20 schools × 30 students race for a 100-seat slot: exactly 3 succeed, 17 are told it is full, 90 seats held", async () => {
    const tour = await createTestTour();
    const slot = await createTestSlot(tour.id, { capacity: 100 });
    const schools = [];
    for (let i = 0; i < 20; i++) schools.push(await createSchoolWithTeacher(`Trường ${i}`));
    const requests = await Promise.all(
      schools.map((s) => makeRequest(`/tours/${tour.slug}`, { userId: s.teacher.id, form: bookingForm(slot.id, { students: 30, adults: 2 }) })),
    );
    const results = await Promise.all(requests.map((r) => callAction(tourAction, r, { slug: tour.slug })));
    expect(results.filter((r) => r.status === 302)).toHaveLength(3);
    expect(results.filter((r) => r.status === 409)).toHaveLength(17);
    const row = await db.selectFrom("tour_slots").select(["held_students", "capacity_students"]).where("id", "=", slot.id).executeTakeFirstOrThrow();
    expect(row.held_students).toBe(90);
    const bookings = await db.selectFrom("tour_bookings").select(["students", "reference"]).where("slot_id", "=", slot.id).execute();
    expect(bookings).toHaveLength(3);
    expect(new Set(bookings.map((b) => b.reference)).size).toBe(3);
  });

  it("requested and confirmed both hold seats; a decline frees them for the next school", async () => {
    const tour = await createTestTour();
    const slot = await createTestSlot(tour.id, { capacity: 60 });
    const a = await createSchoolWithTeacher("A");
    const b = await createSchoolWithTeacher("B");
    const c = await createSchoolWithTeacher("C");
    const staff = await createTestUser({ role: "staff" });
    const bookAs = async (userId: number) =>
      callAction(tourAction, await makeRequest(`/tours/${tour.slug}`, { userId, form: bookingForm(slot.id, { students: 30 }) }), { slug: tour.slug });
    const ra = await bookAs(a.teacher.id);
    const idA = ra.location!.split("/")[2].split("?")[0];
    await callAction(staffBookingAction, await makeRequest(`/staff/bookings/${idA}`, { userId: staff.id, form: { intent: "confirm" } }), { id: idA });
    const rb = await bookAs(b.teacher.id);
    expect(rb.status).toBe(302);
    expect((await bookAs(c.teacher.id)).status).toBe(409); // 30 confirmed + 30 requested = 60
    const idB = rb.location!.split("/")[2].split("?")[0];
    const declined = await callAction(staffBookingAction, await makeRequest(`/staff/bookings/${idB}`, { userId: staff.id, form: { intent: "decline", message: "Trùng lịch" } }), { id: idB });
    expect(declined.status).toBe(302);
    expect((await bookAs(c.teacher.id)).status).toBe(302);
    expect((await db.selectFrom("tour_slots").select("held_students").where("id", "=", slot.id).executeTakeFirstOrThrow()).held_students).toBe(60);
  });
});
