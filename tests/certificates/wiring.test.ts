// The hooks as the other capabilities call them: marking attendance (workshops) and completing the last lesson
// (courses) issue the certificate in the same transaction, with no button pressed.
import { describe, expect, it } from "vitest";
import { completeLesson } from "~/courses/progress.server";
import { db } from "~/lib/db.server";
import { nowIso } from "~/lib/time";
import { changeBooking } from "~/tours/lifecycle.server";
import { markAttendance } from "~/workshops/roster.server";
import { createTestClass, createTestSchool, createTestUser } from "../helpers/factories";
import { createTestProgram } from "../helpers/certificates";
import { NOW } from "../helpers/instants";

const now = () => new Date().toISOString();

describe("wired to the real capabilities", () => {
  it("workshops: the roster's markAttendance issues the certificate when the last meeting is marked attended", async () => {
    const staff = await createTestUser({ role: "staff" });
    const u = await createTestUser({ fullName: "Trần Đức Việt" });
    const programId = await createTestProgram("workshop", "Điện tử cơ bản");
    const s = await db
      .insertInto("workshop_sessions")
      .values({
        program_id: programId,
        capacity: 10,
        min_attendance_percent: 100,
        starts_at: "2026-10-01T01:00:00.000Z",
        ends_at: "2026-10-08T03:00:00.000Z",
        created_at: now(),
        updated_at: now(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const meetings = await db
      .insertInto("workshop_meetings")
      .values([
        { session_id: s.id, starts_at: "2026-10-01T01:00:00.000Z", ends_at: "2026-10-01T03:00:00.000Z" },
        { session_id: s.id, starts_at: "2026-10-08T01:00:00.000Z", ends_at: "2026-10-08T03:00:00.000Z" },
      ])
      .returning("id")
      .execute();
    const reg = await db
      .insertInto("workshop_registrations")
      .values({
        session_id: s.id,
        user_id: u.id,
        status: "confirmed",
        waitlist_position: null,
        created_at: now(),
        updated_at: now(),
        cancelled_at: null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const markedBy = staff.id;
    expect(
      await markAttendance(db, { sessionId: s.id, registrationId: reg.id, meetingId: meetings[0].id, status: "attended", markedBy, now: nowIso() })
    ).toEqual({ ok: true, value: undefined });
    expect(await db.selectFrom("certificates").select("id").where("user_id", "=", u.id).execute()).toHaveLength(0);
    expect(
      await markAttendance(db, { sessionId: s.id, registrationId: reg.id, meetingId: meetings[1].id, status: "attended", markedBy, now: nowIso() })
    ).toEqual({ ok: true, value: undefined });
    const certs = await db.selectFrom("certificates").selectAll().where("user_id", "=", u.id).execute();
    expect(certs.map((c) => [c.kind, c.program_id, c.hours, c.recipient_name])).toEqual([["workshop", programId, 4, "Trần Đức Việt"]]);
  });

  it("courses: completing the last required lesson issues the course certificate", async () => {
    const u = await createTestUser({ fullName: "Lê Ngọc Ánh" });
    const programId = await createTestProgram("course", "Nhập môn IoT với Arduino");
    await db.insertInto("courses").values({ program_id: programId, estimated_hours: 3, created_at: now(), updated_at: now() }).execute();
    const m = await db
      .insertInto("course_modules")
      .values({ program_id: programId, position: 1, title_vi: "Chương 1", title_en: null })
      .returning("id")
      .executeTakeFirstOrThrow();
    const lessons = await db
      .insertInto("lessons")
      .values(
        [1, 2].map((position) => ({
          module_id: m.id,
          position,
          title_vi: `Bài ${position}`,
          title_en: null,
          created_at: now(),
          updated_at: now(),
        }))
      )
      .returning("id")
      .execute();
    await db
      .insertInto("enrolments")
      .values({ program_id: programId, user_id: u.id, enrolled_at: now(), left_at: null, last_activity_at: null, completed_at: null })
      .execute();
    await completeLesson(db, { userId: u.id, lessonId: lessons[0].id, now: NOW });
    expect(await db.selectFrom("certificates").select("id").where("user_id", "=", u.id).execute()).toHaveLength(0);
    await completeLesson(db, { userId: u.id, lessonId: lessons[1].id, now: NOW });
    await completeLesson(db, { userId: u.id, lessonId: lessons[1].id, now: NOW });
    const certs = await db.selectFrom("certificates").selectAll().where("user_id", "=", u.id).execute();
    expect(certs.map((c) => [c.kind, c.hours, c.program_title_vi])).toEqual([["course", 3, "Nhập môn IoT với Arduino"]]);
  });

  it("tours: staff completing a booking linked to a class certify each member when the tour offers it", async () => {
    const schoolId = await createTestSchool();
    const staff = await createTestUser({ role: "staff" });
    const teacher = await createTestUser({ role: "teacher" });
    const students = [await createTestUser(), await createTestUser()];
    const classId = await createTestClass({ ownerId: teacher.id, studentIds: students.map((x) => x.id), schoolId });
    const programId = await createTestProgram("tour", "Tham quan Fab Lab");
    await db.insertInto("tours").values({ program_id: programId, duration_minutes: 120, participation_certificates: 1 }).execute();
    const slot = await db
      .insertInto("tour_slots")
      .values({
        program_id: programId,
        starts_at: "2026-01-10T01:00:00.000Z",
        ends_at: "2026-01-10T03:00:00.000Z",
        capacity_students: 40,
        held_students: 20,
        created_at: now(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const booking = await db
      .insertInto("tour_bookings")
      .values({
        reference: "TQ-2026-9001",
        slot_id: slot.id,
        program_id: programId,
        school_id: schoolId,
        booked_by: teacher.id,
        class_id: classId,
        students: 20,
        grade_min: 8,
        grade_max: 8,
        adults: 2,
        contact_name: "Thầy Bảo",
        contact_phone: "0900000000",
        status: "confirmed",
        staff_message: null,
        cancel_reason: null,
        actual_students: null,
        created_at: now(),
        updated_at: now(),
        decided_at: now(),
        completed_at: null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const r = await changeBooking(db, { bookingId: booking.id, actor: { userId: staff.id, kind: "staff" }, change: { action: "complete", actualStudents: 19 }, now: now() });
    expect(r).toEqual({ ok: true, value: { status: "completed" } });
    for (const x of students) {
      const certs = await db.selectFrom("certificates").select(["kind", "hours"]).where("user_id", "=", x.id).execute();
      expect(certs).toEqual([{ kind: "tour", hours: 2 }]);
    }
  });
});
