// Tour participation follows the class's students when the booking was confirmed (issue 11), adjustable by staff
// on completion (recorded); the class progress matrix and the certificates agree.
import { describe, expect, it } from "vitest";
import { loadClassProgress } from "~/classes/progress.server";
import { db } from "~/lib/db.server";
import { nowIso } from "~/lib/time";
import { action as tourAction } from "~/routes/tours.$slug";
import { changeBooking } from "~/tours/lifecycle.server";
import { participantChoicesForBooking } from "~/tours/participants.server";
import { callAction, makeRequest } from "../helpers/http";
import { createTestClass, createTestUser } from "../helpers/factories";
import { bookingForm, createSchoolWithTeacher, createTestSlot, createTestTour } from "../helpers/tours";

async function classBooking() {
  const tour = await createTestTour({ participationCertificates: true });
  const slot = await createTestSlot(tour.id, { daysAhead: 14 });
  const school = await createSchoolWithTeacher();
  const cls = await createTestClass({ schoolId: school.schoolId, ownerId: school.teacher.id, newStudents: 2 });
  const r = await callAction(tourAction, await makeRequest(`/tours/${tour.slug}`, { userId: school.teacher.id, form: bookingForm(slot.id, { classId: cls }) }), { slug: tour.slug });
  expect(r.status).toBe(302);
  const bookingId = Number(r.location!.split("/")[2]!.split("?")[0]);
  expect((await db.selectFrom("tour_bookings").select("class_id").where("id", "=", bookingId).executeTakeFirstOrThrow()).class_id).toBe(cls);
  const staff = await createTestUser({ role: "staff" });
  const original = (await db.selectFrom("class_members").select("student_id").where("class_id", "=", cls).orderBy("student_id").execute()).map((m) => m.student_id);
  const confirmed = await changeBooking(db, { bookingId, actor: { userId: staff.id, kind: "staff" }, change: { action: "confirm", message: "" }, now: nowIso() });
  expect(confirmed.ok).toBe(true);
  // Someone joins the class after the confirmation.
  const late = await createTestUser({ role: "student" });
  await db.insertInto("class_members").values({ class_id: cls, student_id: late.id, joined_via: "code", created_at: nowIso() }).execute();
  const afterStart = new Date(Date.now() + 15 * 86_400_000).toISOString();
  return { bookingId, cls, staff, original, late, afterStart, programId: tour.id };
}

const certHolders = async (programId: number) =>
  (await db.selectFrom("certificates").select("user_id").where("program_id", "=", programId).where("kind", "=", "tour").orderBy("user_id").execute()).map((c) => c.user_id);

describe("tour participants", () => {
  it("the students at confirmation are listed; completing gives them, not a later joiner, the certificates and the tour cell", async () => {
    const b = await classBooking();
    expect((await db.selectFrom("tour_booking_students").select("student_id").where("booking_id", "=", b.bookingId).orderBy("student_id").execute()).map((r) => r.student_id)).toEqual(b.original);
    const choices = await participantChoicesForBooking(db, b.bookingId);
    expect(choices!.students.filter((c) => c.listed).map((c) => c.id).sort((x, y) => x - y)).toEqual(b.original);
    expect(choices!.students.find((c) => c.id === b.late.id)).toMatchObject({ listed: false });

    const done = await changeBooking(db, { bookingId: b.bookingId, actor: { userId: b.staff.id, kind: "staff" }, change: { action: "complete", actualStudents: 2 }, now: b.afterStart });
    expect(done.ok).toBe(true);
    expect(await certHolders(b.programId)).toEqual(b.original);
    const matrix = await loadClassProgress(db, { classId: b.cls, locale: "vi" });
    const cell = (id: number) => matrix.rows.find((r) => r.studentId === id)!.cells.find((c) => c.kind === "tour");
    expect(cell(b.original[0]!)).toEqual({ kind: "tour", done: true });
    expect(cell(b.late.id)).toEqual({ kind: "tour", done: false });
  });

  it("staff adjust the list on completion (class students only; an outsider is ignored); the change is recorded", async () => {
    const b = await classBooking();
    const outsider = await createTestUser({ role: "student" });
    const [kept] = b.original;
    const done = await changeBooking(db, {
      bookingId: b.bookingId,
      actor: { userId: b.staff.id, kind: "staff" },
      change: { action: "complete", actualStudents: 2, studentIds: [kept!, b.late.id, outsider.id], ip: "192.0.2.4" },
      now: b.afterStart,
    });
    expect(done.ok).toBe(true);
    expect(await certHolders(b.programId)).toEqual([kept!, b.late.id].sort((x, y) => x - y));
    const audit = await db.selectFrom("audit_events").selectAll().where("subject_type", "=", "tour_booking").where("subject_id", "=", String(b.bookingId)).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "staff.override", actor_id: b.staff.id, ip: "192.0.2.4" });
    expect(JSON.parse(audit[0]!.details)).toEqual({ what: "tourParticipants", added: String(b.late.id), removed: String(b.original[1]) });
  });

  it("after a check-in, completing keeps only the checked-in students (their count, their certificates)", async () => {
    const b = await classBooking();
    const [came, absent] = b.original;
    const checkedAt = new Date(Date.now() + 14 * 86_400_000).toISOString();
    await db.updateTable("tour_booking_students").set({ checked_in_at: checkedAt, checked_in_by: b.staff.id }).where("booking_id", "=", b.bookingId).where("student_id", "=", came!).execute();
    const choices = await participantChoicesForBooking(db, b.bookingId);
    expect(choices!.checkedIn).toBe(1);
    expect(choices!.students.filter((c) => c.listed).map((c) => c.id)).toEqual([came]);

    const done = await changeBooking(db, { bookingId: b.bookingId, actor: { userId: b.staff.id, kind: "staff" }, change: { action: "complete", actualStudents: 25 }, now: b.afterStart });
    expect(done.ok).toBe(true);
    expect((await db.selectFrom("tour_bookings").select("actual_students").where("id", "=", b.bookingId).executeTakeFirstOrThrow()).actual_students).toBe(1);
    expect(await certHolders(b.programId)).toEqual([came]);
    expect(await certHolders(b.programId)).not.toContain(absent);
    const rows = await db.selectFrom("tour_booking_students").select(["student_id", "checked_in_at"]).where("booking_id", "=", b.bookingId).execute();
    expect(rows).toEqual([{ student_id: came, checked_in_at: checkedAt }]);
  });

  it("staff's own list on completion keeps the check-in times of the students who stay", async () => {
    const b = await classBooking();
    const [came, absent] = b.original;
    const checkedAt = new Date(Date.now() + 14 * 86_400_000).toISOString();
    await db.updateTable("tour_booking_students").set({ checked_in_at: checkedAt, checked_in_by: b.staff.id }).where("booking_id", "=", b.bookingId).where("student_id", "=", came!).execute();
    const done = await changeBooking(db, {
      bookingId: b.bookingId,
      actor: { userId: b.staff.id, kind: "staff" },
      change: { action: "complete", actualStudents: 2, studentIds: [came!, b.late.id], ip: "192.0.2.4" },
      now: b.afterStart,
    });
    expect(done.ok).toBe(true);
    expect((await db.selectFrom("tour_bookings").select("actual_students").where("id", "=", b.bookingId).executeTakeFirstOrThrow()).actual_students).toBe(2);
    const rows = await db.selectFrom("tour_booking_students").select(["student_id", "checked_in_at"]).where("booking_id", "=", b.bookingId).orderBy("student_id").execute();
    expect(rows).toEqual([
      { student_id: came, checked_in_at: checkedAt },
      { student_id: b.late.id, checked_in_at: null },
    ]);
    expect(rows.map((r) => r.student_id)).not.toContain(absent);
  });
});
