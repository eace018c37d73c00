// Staff and school changes of a booking through the real actions: transitions, seats, notifications, deadlines.
import { describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { action as bookingAction, loader as bookingLoader } from "~/routes/bookings.$id";
import { loader as icsLoader } from "~/routes/bookings.$id.calendar[.ics]";
import { action as staffAction } from "~/routes/staff.bookings.$id";
import { action as queueAction, loader as queueLoader } from "~/routes/staff.bookings._index";
import { action as tourAction } from "~/routes/tours.$slug";
import { getCompletedToursForClasses, getCompletedToursForStudent } from "~/tours/queries.server";
import { createTestClass, createTestUser } from "../helpers/factories";
import { callAction, callLoader, fieldErrorsOf, makeRequest } from "../helpers/http";
import { bookingForm, createSchoolWithTeacher, createTestSlot, createTestTour, tourTables } from "../helpers/tours";

async function setup(opts: { daysAhead?: number; cancelDaysBefore?: number } = {}) {
  const tour = await createTestTour({ cancelDaysBefore: opts.cancelDaysBefore ?? 3 });
  const slot = await createTestSlot(tour.id, { daysAhead: opts.daysAhead ?? 14, capacity: 90 });
  const school = await createSchoolWithTeacher();
  const staff = await createTestUser({ role: "staff" });
  const r = await callAction(tourAction, await makeRequest(`/tours/${tour.slug}`, { userId: school.teacher.id, form: bookingForm(slot.id) }), { slug: tour.slug });
  expect(r.status).toBe(302);
  const id = r.location!.split("/")[2].split("?")[0];
  return { tour, slot, school, staff, id };
}
const staffDo = async (staffId: number, id: string, form: Record<string, string | number>) =>
  callAction(staffAction, await makeRequest(`/staff/bookings/${id}`, { userId: staffId, form }), { id });
const booking = (id: string) => db.selectFrom("tour_bookings").selectAll().where("id", "=", Number(id)).executeTakeFirstOrThrow();
const held = async (slotId: number) => (await db.selectFrom("tour_slots").select("held_students").where("id", "=", slotId).executeTakeFirstOrThrow()).held_students;
const notes = (userId: number) => db.selectFrom("notifications").select(["message_key", "params", "link"]).where("user_id", "=", userId).orderBy("id").execute();

describe("staff decide and run bookings", () => {
  it("the queue lists requested bookings soonest visit first (or oldest request first); confirm notifies the booker; the .ics is then available", async () => {
    const { staff, id, school, slot } = await setup();
    const q = await callLoader(queueLoader, await makeRequest("/staff/bookings", { userId: staff.id }));
    expect(q.data.rows.map((r: { id: number }) => String(r.id))).toContain(id);
    // Default order: soonest visit first; ?sort=age: oldest request first.
    const starts = q.data.rows.map((r: { startsAt: string }) => r.startsAt);
    expect([...starts].sort()).toEqual(starts);
    const byAge = await callLoader(queueLoader, await makeRequest("/staff/bookings?sort=age", { userId: staff.id }));
    const created = byAge.data.rows.map((r: { createdAt: string }) => r.createdAt);
    expect([...created].sort()).toEqual(created);

    // Before confirmation there is no calendar file.
    expect((await callLoader(icsLoader, await makeRequest(`/bookings/${id}/calendar.ics`, { userId: school.teacher.id }), { id })).status).toBe(404);
    const r = await callAction(queueAction, await makeRequest("/staff/bookings", { userId: staff.id, form: { intent: "confirm", bookingId: id } }));
    expect(r.status).toBe(302);
    expect((await booking(id)).status).toBe("confirmed");
    expect(await held(slot.id)).toBe(30);
    const n = await notes(school.teacher.id);
    expect(n.at(-1)).toMatchObject({ message_key: "tours.notify.confirmed", link: `/bookings/${id}` });
    expect(JSON.parse(n.at(-1)!.params).reference).toBe((await booking(id)).reference);

    const ics = await callLoader(icsLoader, await makeRequest(`/bookings/${id}/calendar.ics`, { userId: school.teacher.id }), { id });
    expect(ics.status).toBe(200);
    expect(ics.headers.get("Content-Type")).toContain("text/calendar");
    expect(String(ics.data)).toContain("BEGIN:VEVENT");
    expect(String(ics.data)).toContain((await booking(id)).reference);
  });

  it("decline needs a message; it releases the seats and notifies; a second decision is refused (409)", async () => {
    const { staff, id, slot, school } = await setup();
    let tables = await tourTables(db);
    const noMessage = await staffDo(staff.id, id, { intent: "decline", message: "" });
    expect(noMessage.status).toBe(400);
    expect(fieldErrorsOf(noMessage).message).toEqual(["validation.required"]);
    expect((await booking(id)).status).toBe("requested");
    expect(await tourTables(db)).toEqual(tables);
    expect((await staffDo(staff.id, id, { intent: "decline", message: "Khung giờ đã kín lịch." })).status).toBe(302);
    expect(await booking(id)).toMatchObject({ status: "declined", staff_message: "Khung giờ đã kín lịch." });
    expect(await held(slot.id)).toBe(0);
    expect((await notes(school.teacher.id)).at(-1)?.message_key).toBe("tours.notify.declined");
    tables = await tourTables(db);
    const again = await staffDo(staff.id, id, { intent: "confirm" });
    expect(again.status).toBe(409);
    expect(fieldErrorsOf(again)[""]).toEqual(["bookings.errors.illegalTransition"]);
    expect(await tourTables(db)).toEqual(tables);
  });

  it("move checks capacity atomically, releases the old slot and notifies", async () => {
    const { staff, id, slot, tour, school } = await setup();
    const small = await createTestSlot(tour.id, { capacity: 20 });
    const big = await createTestSlot(tour.id, { capacity: 40 });
    const otherTour = await createTestTour();
    const foreign = await createTestSlot(otherTour.id);
    const tables = await tourTables(db);
    const full = await staffDo(staff.id, id, { intent: "move", slotId: small.id });
    expect(full.status).toBe(409);
    expect(fieldErrorsOf(full).slotId).toEqual(["tours.errors.slotFull"]);
    expect(fieldErrorsOf(await staffDo(staff.id, id, { intent: "move", slotId: foreign.id })).slotId).toEqual(["tours.errors.slotOtherTour"]);
    expect(fieldErrorsOf(await staffDo(staff.id, id, { intent: "move", slotId: slot.id })).slotId).toEqual(["bookings.errors.sameSlot"]);
    expect(await held(slot.id)).toBe(30);
    expect(await held(small.id)).toBe(0);
    expect(await tourTables(db)).toEqual(tables);
    expect((await staffDo(staff.id, id, { intent: "move", slotId: big.id })).status).toBe(302);
    expect((await booking(id)).slot_id).toBe(big.id);
    expect(await held(slot.id)).toBe(0);
    expect(await held(big.id)).toBe(30);
    expect((await notes(school.teacher.id)).at(-1)?.message_key).toBe("tours.notify.moved");
  });

  it("complete only after the visit started, with actual students; a class booking credits its members", async () => {
    const tour = await createTestTour();
    const school = await createSchoolWithTeacher();
    const staff = await createTestUser({ role: "staff" });
    const classId = await createTestClass({ schoolId: school.schoolId, ownerId: school.teacher.id, newStudents: 15 });
    const future = await createTestSlot(tour.id, { daysAhead: 5 });
    const r = await callAction(tourAction, await makeRequest(`/tours/${tour.slug}`, { userId: school.teacher.id, form: bookingForm(future.id, { classId, students: "" }) }), { slug: tour.slug });
    const id = r.location!.split("/")[2].split("?")[0];
    expect((await staffDo(staff.id, id, { intent: "complete", actualStudents: 14 })).status).toBe(409); // still requested
    expect((await staffDo(staff.id, id, { intent: "confirm" })).status).toBe(302);
    const early = await staffDo(staff.id, id, { intent: "complete", actualStudents: 14 });
    expect(early.status).toBe(409);
    expect(fieldErrorsOf(early)[""]).toEqual(["bookings.errors.notYetVisited"]);
    // The visit happened: move the slot into the past (as time would).
    await db.updateTable("tour_slots").set({ starts_at: new Date(Date.now() - 3_600_000).toISOString(), ends_at: new Date(Date.now() - 60_000).toISOString() }).where("id", "=", future.id).execute();
    expect(fieldErrorsOf(await staffDo(staff.id, id, { intent: "complete", actualStudents: -1 })).actualStudents).toBeTruthy();
    expect((await staffDo(staff.id, id, { intent: "complete", actualStudents: 14 })).status).toBe(302);
    expect(await booking(id)).toMatchObject({ status: "completed", actual_students: 14 });
    const credited = await getCompletedToursForClasses(db, { classIds: [classId, 999_999] });
    expect(credited).toEqual([{ classId, bookingId: Number(id), programId: tour.id, startsAt: expect.any(String) }]);
    const member = await db.selectFrom("class_members").select("student_id").where("class_id", "=", classId).executeTakeFirstOrThrow();
    const activity = await getCompletedToursForStudent(db, { studentId: member.student_id });
    expect(activity.map((a) => a.bookingId)).toEqual([Number(id)]);
  });

  it("staff cancel needs a reason and works any time", async () => {
    const { staff, id, slot } = await setup({ daysAhead: 1 });
    expect((await staffDo(staff.id, id, { intent: "cancel", reason: "" })).status).toBe(400);
    expect((await staffDo(staff.id, id, { intent: "cancel", reason: "Trung tâm mất điện" })).status).toBe(302);
    expect(await booking(id)).toMatchObject({ status: "cancelled", cancel_reason: "Trung tâm mất điện" });
    expect(await held(slot.id)).toBe(0);
  });
});

describe("the school cancels", () => {
  it("the booker cancels before the deadline: seats released", async () => {
    const { id, slot, school } = await setup({ daysAhead: 10 });
    const r = await callAction(bookingAction, await makeRequest(`/bookings/${id}`, { userId: school.teacher.id, form: { intent: "cancel", reason: "Đổi kế hoạch" } }), { id });
    expect(r.status).toBe(302);
    expect(await booking(id)).toMatchObject({ status: "cancelled", cancel_reason: "Đổi kế hoạch" });
    expect(await held(slot.id)).toBe(0);
  });

  it("after the deadline: a clear message, nothing changed", async () => {
    const { id, slot, school } = await setup({ daysAhead: 2, cancelDaysBefore: 3 });
    const tables = await tourTables(db);
    const page = await callLoader(bookingLoader, await makeRequest(`/bookings/${id}`, { userId: school.teacher.id }), { id });
    expect(page.data.beforeDeadline).toBe(false);
    const r = await callAction(bookingAction, await makeRequest(`/bookings/${id}`, { userId: school.teacher.id, form: { intent: "cancel" } }), { id });
    expect(r.status).toBe(409);
    expect(fieldErrorsOf(r)[""]).toEqual(["bookings.errors.cancelDeadline"]);
    expect((await booking(id)).status).toBe("requested");
    expect(await held(slot.id)).toBe(30);
    expect(await tourTables(db)).toEqual(tables);
  });
});
