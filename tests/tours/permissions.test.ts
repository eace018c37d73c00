// Who may see and change which bookings: school A vs school B, teacher vs coordinator vs staff, pending members, students.
import { describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { action as bookingAction, loader as bookingLoader } from "~/routes/bookings.$id";
import { loader as bookingsLoader } from "~/routes/bookings._index";
import { loader as icsLoader } from "~/routes/bookings.$id.calendar[.ics]";
import { loader as dayLoader } from "~/routes/staff.bookings.day";
import { loader as exportLoader } from "~/routes/staff.bookings.export[.csv]";
import { action as staffAction, loader as staffBookingLoader } from "~/routes/staff.bookings.$id";
import { loader as queueLoader } from "~/routes/staff.bookings._index";
import { loader as staffToursLoader } from "~/routes/staff.tours._index";
import { action as staffTourAction } from "~/routes/staff.tours.$id";
import { action as tourAction } from "~/routes/tours.$slug";
import { addSchoolMember, createTestSchool, createTestUser } from "../helpers/factories";
import { callAction, callLoader, fieldErrorsOf, makeRequest } from "../helpers/http";
import { bookingForm, createSchoolWithTeacher, createTestSlot, createTestTour, tourTables } from "../helpers/tours";

async function world() {
  const tour = await createTestTour();
  const slot = await createTestSlot(tour.id);
  const a = await createSchoolWithTeacher("Trường A");
  const b = await createSchoolWithTeacher("Trường B");
  const staff = await createTestUser({ role: "staff" });
  const r = await callAction(tourAction, await makeRequest(`/tours/${tour.slug}`, { userId: a.teacher.id, form: bookingForm(slot.id) }), { slug: tour.slug });
  const id = r.location!.split("/")[2].split("?")[0];
  return { tour, slot, a, b, staff, id };
}
const status = async (id: string) => (await db.selectFrom("tour_bookings").select("status").where("id", "=", Number(id)).executeTakeFirstOrThrow()).status;

describe("school A vs school B", () => {
  it("a coordinator of school B opening school A's booking, its .ics or cancelling it gets 404 and nothing changes", async () => {
    const { a, b, staff, id } = await world();
    await callAction(staffAction, await makeRequest(`/staff/bookings/${id}`, { userId: staff.id, form: { intent: "confirm" } }), { id });
    const tables = await tourTables(db);
    expect((await callLoader(bookingLoader, await makeRequest(`/bookings/${id}`, { userId: b.coordinator.id }), { id })).status).toBe(404);
    expect((await callLoader(icsLoader, await makeRequest(`/bookings/${id}/calendar.ics`, { userId: b.coordinator.id }), { id })).status).toBe(404);
    expect((await callAction(bookingAction, await makeRequest(`/bookings/${id}`, { userId: b.coordinator.id, form: { intent: "cancel" } }), { id })).status).toBe(404);
    expect(await status(id)).toBe("confirmed");
    expect(await tourTables(db)).toEqual(tables);
    const list = await callLoader(bookingsLoader, await makeRequest("/bookings", { userId: b.teacher.id }));
    expect(list.data.rows).toEqual([]);
    // School A's members see it.
    const mine = await callLoader(bookingsLoader, await makeRequest("/bookings", { userId: a.coordinator.id }));
    expect(mine.data.rows.map((r: { id: number }) => String(r.id))).toEqual([id]);
    expect((await callLoader(bookingLoader, await makeRequest(`/bookings/${id}`, { userId: a.coordinator.id }), { id })).status).toBe(200);
  });

  it("a teacher cannot book for a school they do not belong to", async () => {
    const { tour, slot, a, b } = await world();
    const tables = await tourTables(db);
    const r = await callAction(tourAction, await makeRequest(`/tours/${tour.slug}`, { userId: b.teacher.id, form: bookingForm(slot.id, { schoolId: a.schoolId }) }), { slug: tour.slug });
    expect(r.status).toBe(400);
    expect(fieldErrorsOf(r).schoolId).toEqual(["bookings.errors.notYourSchool"]);
    expect(await tourTables(db)).toEqual(tables);
  });

  it("malformed booking ids are 404, never 500", async () => {
    const { a } = await world();
    expect((await callLoader(bookingLoader, await makeRequest("/bookings/abc", { userId: a.teacher.id }), { id: "abc" })).status).toBe(404);
    expect((await callLoader(bookingLoader, await makeRequest("/bookings/99999999999999", { userId: a.teacher.id }), { id: "99999999999999" })).status).toBe(404);
  });
});

describe("teacher vs coordinator vs staff", () => {
  it("another teacher of the same school may see but not cancel a colleague's booking; the coordinator may cancel", async () => {
    const { a, id } = await world();
    const colleague = await createTestUser({ role: "teacher" });
    await addSchoolMember(a.schoolId, colleague.id, "teacher");
    const page = await callLoader(bookingLoader, await makeRequest(`/bookings/${id}`, { userId: colleague.id }), { id });
    expect(page.status).toBe(200);
    expect(page.data.mayCancel).toBe(false);
    const tables = await tourTables(db);
    const denied = await callAction(bookingAction, await makeRequest(`/bookings/${id}`, { userId: colleague.id, form: { intent: "cancel" } }), { id });
    expect(denied.status).toBe(403);
    expect(fieldErrorsOf(denied)[""]).toEqual(["bookings.errors.notAllowed"]);
    expect(await status(id)).toBe("requested");
    expect(await tourTables(db)).toEqual(tables);
    const ok = await callAction(bookingAction, await makeRequest(`/bookings/${id}`, { userId: a.coordinator.id, form: { intent: "cancel" } }), { id });
    expect(ok.status).toBe(302);
    expect(await status(id)).toBe("cancelled");
  });

  it("teachers and coordinators cannot use staff pages or actions", async () => {
    const { a, id, tour } = await world();
    for (const u of [a.teacher, a.coordinator]) {
      const req = () => makeRequest(`/staff/bookings/${id}`, { userId: u.id });
      expect((await callLoader(queueLoader, await req())).status).toBe(403);
      expect((await callLoader(staffBookingLoader, await req(), { id })).status).toBe(403);
      expect((await callAction(staffAction, await makeRequest(`/staff/bookings/${id}`, { userId: u.id, form: { intent: "confirm" } }), { id })).status).toBe(403);
      expect((await callLoader(dayLoader, await makeRequest("/staff/bookings/day?date=2026-12-01", { userId: u.id }))).status).toBe(403);
      expect((await callLoader(exportLoader, await makeRequest("/staff/bookings/export.csv?from=2026-12-01&to=2026-12-31", { userId: u.id }))).status).toBe(403);
      expect((await callLoader(staffToursLoader, await makeRequest("/staff/tours", { userId: u.id }))).status).toBe(403);
      const slotAttempt = await callAction(staffTourAction, await makeRequest(`/staff/tours/${tour.id}`, { userId: u.id, form: { intent: "slot", date: "2030-01-01", time: "08:00", capacity: 10 } }), { id: String(tour.id) });
      expect(slotAttempt.status).toBe(403);
    }
    expect(await status(id)).toBe("requested");
  });

  it("staff see every booking and are sent to the staff view", async () => {
    const { staff, id } = await world();
    const r = await callLoader(bookingLoader, await makeRequest(`/bookings/${id}`, { userId: staff.id }), { id });
    expect(r.status).toBe(302);
    expect(r.location).toBe(`/staff/bookings/${id}`);
    expect((await callLoader(staffBookingLoader, await makeRequest(`/staff/bookings/${id}`, { userId: staff.id }), { id })).status).toBe(200);
  });
});

describe("who may book", () => {
  it("a pending member, a member of a pending school, a teacher without school and a student are refused; nothing is held", async () => {
    const { tour, slot } = await world();
    const pending = await createTestUser({ role: "teacher" });
    await addSchoolMember(await createTestSchool("Trường chờ"), pending.id, "teacher", "pending");
    const pendingSchoolMember = await createTestUser({ role: "coordinator" });
    const pendingSchool = await db.insertInto("schools").values({ name: "Trường mới", status: "pending", created_by: pendingSchoolMember.id, created_at: new Date().toISOString() }).returning("id").executeTakeFirstOrThrow();
    await addSchoolMember(pendingSchool.id, pendingSchoolMember.id, "coordinator", "approved");
    const loner = await createTestUser({ role: "teacher" });
    const tables = await tourTables(db);
    const before = (await db.selectFrom("tour_slots").select("held_students").where("id", "=", slot.id).executeTakeFirstOrThrow()).held_students;
    for (const u of [pending, pendingSchoolMember, loner]) {
      const r = await callAction(tourAction, await makeRequest(`/tours/${tour.slug}`, { userId: u.id, form: bookingForm(slot.id) }), { slug: tour.slug });
      expect(r.status).toBe(403);
      expect(fieldErrorsOf(r)[""]).toEqual(["bookings.errors.noSchool"]);
    }
    const student = await createTestUser({ role: "student" });
    expect((await callAction(tourAction, await makeRequest(`/tours/${tour.slug}`, { userId: student.id, form: bookingForm(slot.id) }), { slug: tour.slug })).status).toBe(403);
    expect((await callLoader(bookingsLoader, await makeRequest("/bookings", { userId: student.id }))).status).toBe(403);
    const anon = await callAction(tourAction, await makeRequest(`/tours/${tour.slug}`, { form: bookingForm(slot.id) }), { slug: tour.slug });
    expect(anon.status).toBe(302);
    expect(anon.location).toMatch(/^\/login/);
    expect((await db.selectFrom("tour_slots").select("held_students").where("id", "=", slot.id).executeTakeFirstOrThrow()).held_students).toBe(before);
    expect(await tourTables(db)).toEqual(tables);
  });
});
