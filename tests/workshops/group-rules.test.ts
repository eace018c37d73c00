// Registering a class for a session follows a student's own rules (issue 11): published program, window,
// eligibility, overlap, removed by staff stays removed; refused students are listed; a staff override is recorded.
import { describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { nowIso } from "~/lib/time";
import { action as enrolAction } from "~/routes/classes.$classId.enrol";
import { registerGroupForSession } from "~/workshops/group.server";
import { approvedTeacher, classOf, studentsIn } from "../helpers/classes";
import { createTestUser } from "../helpers/factories";
import { callAction, makeRequest } from "../helpers/http";
import { checkInvariants, createWorkshop, inDays, registerStudent, registrationsOf } from "../helpers/workshops";

async function tables(sessionId: number) {
  return {
    registrations: await registrationsOf(sessionId),
    session: await db.selectFrom("workshop_sessions").select(["confirmed_count"]).where("id", "=", sessionId).executeTakeFirstOrThrow(),
    audit: await db.selectFrom("audit_events").select("id").where("subject_type", "=", "workshop_session").where("subject_id", "=", String(sessionId)).execute(),
  };
}

describe("class registration follows the workshop rules", () => {
  it("a draft program, a window not open yet and a closed window are refused, and nothing changes", async () => {
    const ids = [(await createTestUser({ role: "student" })).id];
    const draft = await createWorkshop({ program: { status: "draft" } });
    const notOpen = await createWorkshop({ session: { registrationOpensAt: inDays(5) } });
    const closed = await createWorkshop({ session: { registrationClosesAt: inDays(-1) } });
    for (const [w, reason] of [[draft, "notFound"], [notOpen, "notOpen"], [closed, "closed"]] as const) {
      const before = await tables(w.sessionId);
      expect(await registerGroupForSession(db, { sessionId: w.sessionId, userIds: ids, mode: "fill-then-waitlist", now: nowIso() })).toEqual({ ok: false, reason });
      expect(await tables(w.sessionId)).toEqual(before);
    }
  });

  it("ineligible, overlapping and removed students are listed with the reason; the others are registered; removed stays removed", async () => {
    const w = await createWorkshop({ startDays: 20, program: { gradeMin: 6, gradeMax: 9 } });
    const ok1 = await createTestUser({ role: "student", grade: 8 });
    const tooOld = await createTestUser({ role: "student", grade: 11 });
    const busy = await createTestUser({ role: "student", grade: 7 });
    const removed = await createTestUser({ role: "student", grade: 8 });
    const teacher = await createTestUser({ role: "teacher" });
    // Busy: confirmed in another session at the same time.
    const clash = await createWorkshop({ startDays: 20 });
    expect((await registerStudent(db, { sessionId: clash.sessionId, userId: busy.id })).ok).toBe(true);
    // Removed by staff from this session.
    expect((await registerStudent(db, { sessionId: w.sessionId, userId: removed.id })).ok).toBe(true);
    await db.updateTable("workshop_registrations").set({ status: "removed" }).where("user_id", "=", removed.id).where("session_id", "=", w.sessionId).execute();
    await db.updateTable("workshop_sessions").set((eb) => ({ confirmed_count: eb("confirmed_count", "-", 1) })).where("id", "=", w.sessionId).execute();

    const r = await registerGroupForSession(db, { sessionId: w.sessionId, userIds: [ok1.id, tooOld.id, busy.id, removed.id, teacher.id], mode: "all-or-nothing", now: nowIso() });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.confirmed).toEqual([ok1.id]);
    expect(r.value.refused).toEqual([
      { userId: tooOld.id, reason: "notEligible" },
      { userId: busy.id, reason: "overlap", title: expect.objectContaining({ vi: expect.any(String) }) },
      { userId: removed.id, reason: "removedByStaff" },
      { userId: teacher.id, reason: "notStudent" },
    ]);
    const regs = await registrationsOf(w.sessionId);
    expect(regs.find((x) => x.user_id === removed.id)!.status).toBe("removed");
    expect(regs.map((x) => x.user_id).sort()).toEqual([ok1.id, removed.id].sort());
    expect(await checkInvariants(w.sessionId)).toMatchObject({ confirmed: 1, counter: 1 });
  });

  it("a staff override lifts the window and the per-student rules (never the account check) and is recorded", async () => {
    const w = await createWorkshop({ session: { registrationClosesAt: inDays(-1) }, program: { gradeMin: 6, gradeMax: 9 } });
    const staff = await createTestUser({ role: "staff" });
    const tooOld = await createTestUser({ role: "student", grade: 12 });
    const teacher = await createTestUser({ role: "teacher" });
    const r = await registerGroupForSession(db, {
      sessionId: w.sessionId,
      userIds: [tooOld.id, teacher.id],
      mode: "fill-then-waitlist",
      override: { actor: { userId: staff.id, ip: "198.51.100.7" }, reason: "Trường xin đặc cách" },
      now: nowIso(),
    });
    expect(r).toMatchObject({ ok: true, value: { confirmed: [tooOld.id], refused: [{ userId: teacher.id, reason: "notStudent" }] } });
    const audit = await db.selectFrom("audit_events").selectAll().where("subject_id", "=", String(w.sessionId)).where("subject_type", "=", "workshop_session").execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "staff.override", actor_id: staff.id, ip: "198.51.100.7" });
    expect(JSON.parse(audit[0]!.details)).toMatchObject({ what: "groupRegistration", window: "closed", overriddenStudents: `${tooOld.id}:notEligible`, registered: 1, reason: "Trường xin đặc cách" });
  });

  it("the class enrol page names the students left out and why, in the teacher's language", async () => {
    const t = await approvedTeacher(db);
    const cls = await classOf(db, t.id, t.schoolId);
    const [fits] = await studentsIn(db, cls, 1, "Ngô Vừa");
    const old = await createTestUser({ role: "student", grade: 12, fullName: "Trịnh Quá Tuổi" });
    await db.insertInto("class_members").values({ class_id: cls, student_id: old.id, joined_via: "code", created_at: nowIso() }).execute();
    const w = await createWorkshop({ program: { gradeMin: 6, gradeMax: 9 } });
    await db.updateTable("users").set({ grade: 8 }).where("id", "=", fits!).execute();
    const res = await callAction(enrolAction, await makeRequest(`/classes/${cls}/enrol`, { userId: t.id, form: { intent: "registerSession", sessionId: w.sessionId } }), { classId: String(cls) });
    expect(res.status).toBe(200);
    expect(res.data.outcome).toMatchObject({ kind: "sessionDone", confirmed: 1, refused: [{ studentId: old.id, fullName: "Trịnh Quá Tuổi", reason: "notEligible", title: null }] });
  });
});
