// The three moments certificates are earned, against the real tables of courses, workshops and tours.
import { describe, expect, it } from "vitest";
import { onCourseCompleted, onTourBookingCompleted, onWorkshopAttendanceMarked } from "~/certificates/hooks.server";
import { db, inTransaction } from "~/lib/db.server";
import { createTestSchool, createTestUser } from "../helpers/factories";
import { createTestClass, createTestProgram } from "../helpers/certificates";
import { NOW } from "../helpers/courses";

const now = () => new Date().toISOString();
const certsOf = (userId: number) => db.selectFrom("certificates").selectAll().where("user_id", "=", userId).execute();

class Rollback extends Error {}

describe("course completion", () => {
  it("issues a course certificate with the course's hours, dated at completion, once", async () => {
    const u = await createTestUser({ fullName: "Nguyễn Thị Phương Thảo" });
    const programId = await createTestProgram("course", "Lập trình Python cho học sinh");
    await db.insertInto("courses").values({ program_id: programId, estimated_hours: 6, created_at: now(), updated_at: now() }).execute();
    const completedAt = "2026-11-20T09:00:00.000Z";
    await inTransaction(db, (trx) => onCourseCompleted(trx, { userId: u.id, programId, completedAt }));
    // A second completion event (a re-check, a retried request) issues nothing more.
    await inTransaction(db, (trx) => onCourseCompleted(trx, { userId: u.id, programId, completedAt }));
    const certs = await certsOf(u.id);
    expect(certs).toHaveLength(1);
    expect([certs[0].kind, certs[0].hours, certs[0].issued_at, certs[0].recipient_name]).toEqual([
      "course",
      6,
      completedAt,
      "Nguyễn Thị Phương Thảo",
    ]);
  });

  it("issues inside the caller's transaction: seen there, gone when the caller rolls back", async () => {
    const u = await createTestUser();
    const programId = await createTestProgram("course");
    let seenInside = -1;
    await expect(
      inTransaction(db, async (trx) => {
        await onCourseCompleted(trx, { userId: u.id, programId, completedAt: now() });
        seenInside = (await trx.selectFrom("certificates").select("id").where("user_id", "=", u.id).execute()).length;
        throw new Rollback("the caller fails after the hook");
      }),
    ).rejects.toBeInstanceOf(Rollback);
    // The hook wrote through the caller's transaction (its row was there), and the rollback took it away.
    expect(seenInside).toBe(1);
    expect(await certsOf(u.id)).toHaveLength(0);
  });
});

async function workshopSession(meetings: number, minAttendancePercent: number) {
  const programId = await createTestProgram("workshop", "Robot cơ bản cho lớp 6", "Basic robotics");
  const start = Date.parse("2026-10-03T01:00:00.000Z");
  const session = await db
    .insertInto("workshop_sessions")
    .values({
      program_id: programId,
      capacity: 20,
      min_attendance_percent: minAttendancePercent,
      starts_at: new Date(start).toISOString(),
      ends_at: new Date(start + (meetings - 1) * 7 * 86400_000 + 3 * 3600_000).toISOString(),
      created_at: now(),
      updated_at: now(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const meetingIds: number[] = [];
  for (let i = 0; i < meetings; i++) {
    const s = start + i * 7 * 86400_000;
    const m = await db
      .insertInto("workshop_meetings")
      .values({ session_id: session.id, starts_at: new Date(s).toISOString(), ends_at: new Date(s + 3 * 3600_000).toISOString() })
      .returning("id")
      .executeTakeFirstOrThrow();
    meetingIds.push(m.id);
  }
  return { programId, sessionId: session.id, meetingIds };
}

async function register(sessionId: number, userId: number, status: "confirmed" | "cancelled" = "confirmed") {
  const r = await db
    .insertInto("workshop_registrations")
    .values({
      session_id: sessionId,
      user_id: userId,
      status,
      waitlist_position: null,
      created_at: now(),
      updated_at: now(),
      cancelled_at: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return r.id;
}

async function mark(registrationId: number, meetingId: number, status: "attended" | "absent") {
  await db
    .insertInto("workshop_attendance")
    .values({ registration_id: registrationId, meeting_id: meetingId, status, marked_by: null, marked_at: now() })
    .onConflict((oc) => oc.columns(["registration_id", "meeting_id"]).doUpdateSet({ status }))
    .execute();
}

describe("workshop attendance", () => {
  it("a multi-meeting workshop at 100 %: no certificate until every meeting is attended", async () => {
    const w = await workshopSession(4, 100);
    const u = await createTestUser();
    const reg = await register(w.sessionId, u.id);
    for (const [i, meetingId] of w.meetingIds.entries()) {
      await mark(reg, meetingId, i === 1 ? "absent" : "attended");
      await onWorkshopAttendanceMarked(db, { userId: u.id, programId: w.programId, sessionId: w.sessionId, now: NOW });
    }
    expect(await certsOf(u.id)).toHaveLength(0);
    await mark(reg, w.meetingIds[1], "attended");
    await onWorkshopAttendanceMarked(db, { userId: u.id, programId: w.programId, sessionId: w.sessionId, now: NOW });
    const certs = await certsOf(u.id);
    expect(certs).toHaveLength(1);
    expect([certs[0].kind, certs[0].hours, certs[0].source_ref]).toEqual(["workshop", 12, `session:${w.sessionId}`]);
  });

  it("a threshold set on the workshop (75 %): 3 of 4 meetings earn it, 2 of 4 do not", async () => {
    const w = await workshopSession(4, 75);
    const [a, b] = [await createTestUser(), await createTestUser()];
    const [ra, rb] = [await register(w.sessionId, a.id), await register(w.sessionId, b.id)];
    for (const m of w.meetingIds.slice(0, 3)) await mark(ra, m, "attended");
    for (const m of w.meetingIds.slice(0, 2)) await mark(rb, m, "attended");
    await mark(rb, w.meetingIds[2], "absent");
    for (const u of [a, b]) await onWorkshopAttendanceMarked(db, { userId: u.id, programId: w.programId, sessionId: w.sessionId, now: NOW });
    expect(await certsOf(a.id)).toHaveLength(1);
    expect(await certsOf(b.id)).toHaveLength(0);
  });

  it("a single-meeting workshop; a cancelled registration or the wrong program earns nothing", async () => {
    const w = await workshopSession(1, 100);
    const [ok, cancelled] = [await createTestUser(), await createTestUser()];
    await mark(await register(w.sessionId, ok.id), w.meetingIds[0], "attended");
    await mark(await register(w.sessionId, cancelled.id, "cancelled"), w.meetingIds[0], "attended");
    const other = await createTestProgram("workshop");
    await onWorkshopAttendanceMarked(db, { userId: ok.id, programId: other, sessionId: w.sessionId, now: NOW });
    expect(await certsOf(ok.id)).toHaveLength(0);
    await onWorkshopAttendanceMarked(db, { userId: ok.id, programId: w.programId, sessionId: w.sessionId, now: NOW });
    await onWorkshopAttendanceMarked(db, { userId: cancelled.id, programId: w.programId, sessionId: w.sessionId, now: NOW });
    expect(await certsOf(ok.id)).toHaveLength(1);
    expect(await certsOf(cancelled.id)).toHaveLength(0);
  });
});

async function tourBooking(opts: { certificates: boolean; classId: number | null; status: "completed" | "confirmed"; schoolId: number }) {
  const programId = await createTestProgram("tour", "Tham quan Fab Lab", "Fab lab tour");
  await db
    .insertInto("tours")
    .values({ program_id: programId, duration_minutes: 90, participation_certificates: opts.certificates ? 1 : 0 })
    .execute();
  const slot = await db
    .insertInto("tour_slots")
    .values({
      program_id: programId,
      starts_at: "2026-11-10T01:00:00.000Z",
      ends_at: "2026-11-10T02:30:00.000Z",
      capacity_students: 60,
      held_students: 30,
      created_at: now(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const b = await db
    .insertInto("tour_bookings")
    .values({
      reference: `TQ-2026-${Math.floor(Math.random() * 1e6)}`,
      slot_id: slot.id,
      program_id: programId,
      school_id: opts.schoolId,
      booked_by: null,
      class_id: opts.classId,
      students: 30,
      grade_min: 8,
      grade_max: 8,
      adults: 2,
      contact_name: "Cô Lan",
      contact_phone: "0900000000",
      status: opts.status,
      staff_message: null,
      cancel_reason: null,
      actual_students: 28,
      created_at: now(),
      updated_at: now(),
      decided_at: now(),
      completed_at: opts.status === "completed" ? now() : null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { programId, bookingId: b.id };
}

describe("tour completion", () => {
  it("issues a participation certificate to each member of the linked class when the tour enables it", async () => {
    const schoolId = await createTestSchool();
    const teacher = await createTestUser({ role: "teacher" });
    const students = [await createTestUser(), await createTestUser(), await createTestUser()];
    const classId = await createTestClass(
      teacher.id,
      students.map((s) => s.id),
      schoolId
    );
    const t = await tourBooking({ certificates: true, classId, status: "completed", schoolId });
    // The class's students when the booking was confirmed (issue 11): the list the certificates go to.
    await db.insertInto("tour_booking_students").values(students.map((s) => ({ booking_id: t.bookingId, student_id: s.id, created_at: NOW }))).execute();
    await inTransaction(db, (trx) => onTourBookingCompleted(trx, { bookingId: t.bookingId, now: NOW }));
    // Completing twice issues nothing more.
    await inTransaction(db, (trx) => onTourBookingCompleted(trx, { bookingId: t.bookingId, now: NOW }));
    for (const s of students) {
      const certs = await certsOf(s.id);
      expect(certs.map((c) => [c.kind, c.program_id, c.hours])).toEqual([["tour", t.programId, 1.5]]);
    }
    expect(await certsOf(teacher.id)).toHaveLength(0);
  });

  it("nothing when the tour does not offer certificates, the booking has no class, or it is not completed", async () => {
    const schoolId = await createTestSchool();
    const teacher = await createTestUser({ role: "teacher" });
    const s = await createTestUser();
    const classId = await createTestClass(teacher.id, [s.id], schoolId);
    for (const opts of [
      { certificates: false, classId, status: "completed" as const },
      { certificates: true, classId: null, status: "completed" as const },
      { certificates: true, classId, status: "confirmed" as const },
    ]) {
      const t = await tourBooking({ ...opts, schoolId });
      await onTourBookingCompleted(db, { bookingId: t.bookingId, now: NOW });
    }
    await onTourBookingCompleted(db, { bookingId: 999_999, now: NOW });
    expect(await certsOf(s.id)).toHaveLength(0);
  });
});
