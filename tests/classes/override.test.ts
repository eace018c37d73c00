// The staff override of the workshop rules for a class registration (issue 11): only centre staff, with a reason
// (10–500 characters), a confirm step that names what the rules refuse and changes nothing, then the registration
// recorded in the security log (who, what, when, from where, why). Anyone else gets 403 and nothing changes.
import { describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { nowIso } from "~/lib/time";
import { action as enrolAction, loader as enrolLoader } from "~/routes/classes.$classId.enrol";
import { approvedTeacher, classOf, studentsIn } from "../helpers/classes";
import { createTestUser } from "../helpers/factories";
import { callAction, callLoader, fieldErrorsOf, makeRequest } from "../helpers/http";
import { checkInvariants, createWorkshop, inDays } from "../helpers/workshops";

const REASON = "Trường xin đặc cách cho đội thi robot";

async function setup() {
  const t = await approvedTeacher(db);
  const cls = await classOf(db, t.id, t.schoolId);
  const [fits] = await studentsIn(db, cls, 1, "Ngô Vừa");
  await db.updateTable("users").set({ grade: 8 }).where("id", "=", fits!).execute();
  const old = await createTestUser({ role: "student", grade: 12, fullName: "Trịnh Quá Tuổi" });
  await db.insertInto("class_members").values({ class_id: cls, student_id: old.id, joined_via: "code", created_at: nowIso() }).execute();
  // Registration closed yesterday; grades 6–9 only.
  const w = await createWorkshop({ session: { registrationClosesAt: inDays(-1) }, program: { gradeMin: 6, gradeMax: 9 } });
  const staff = await createTestUser({ role: "staff" });
  return { teacher: t, cls, fits: fits!, old, w, staff };
}

async function tables(sessionId: number) {
  return {
    registrations: await db.selectFrom("workshop_registrations").selectAll().where("session_id", "=", sessionId).orderBy("id").execute(),
    session: await db.selectFrom("workshop_sessions").select(["confirmed_count"]).where("id", "=", sessionId).executeTakeFirstOrThrow(),
    classSessions: await db.selectFrom("class_sessions").selectAll().where("session_id", "=", sessionId).execute(),
    audit: await db.selectFrom("audit_events").select("id").where("action", "=", "staff.override").execute(),
  };
}

const overrideForm = (sessionId: number, extra: Record<string, string | number> = {}) => ({ intent: "overrideSession", sessionId, reason: REASON, ...extra });

describe("staff override of the workshop rules for a class", () => {
  it("staff see the override form; the confirm step names the refused students and changes nothing", async () => {
    const s = await setup();
    const page = await callLoader(enrolLoader, await makeRequest(`/classes/${s.cls}/enrol`, { userId: s.staff.id }), { classId: String(s.cls) });
    expect(page.status).toBe(200);
    expect(page.data).toMatchObject({ staff: true, canManage: false });
    const before = await tables(s.w.sessionId);
    const res = await callAction(enrolAction, await makeRequest(`/classes/${s.cls}/enrol`, { userId: s.staff.id, form: overrideForm(s.w.sessionId) }), { classId: String(s.cls) });
    expect(res.status).toBe(200);
    expect(res.data.overridePreview).toMatchObject({
      window: "closed",
      students: 2,
      already: 0,
      reason: REASON,
      refused: [{ studentId: s.old.id, fullName: "Trịnh Quá Tuổi", reason: "notEligible" }],
    });
    expect(await tables(s.w.sessionId)).toEqual(before);
  });

  it("confirmed, it registers past the window and eligibility and records who, from where and why", async () => {
    const s = await setup();
    const res = await callAction(
      enrolAction,
      await makeRequest(`/classes/${s.cls}/enrol`, { userId: s.staff.id, form: overrideForm(s.w.sessionId, { confirm: "yes" }) }),
      { classId: String(s.cls) },
      { clientIp: "203.0.113.9" },
    );
    expect(res.status).toBe(200);
    expect(res.data.outcome).toMatchObject({ kind: "sessionDone", confirmed: 2, refused: [], overridden: true });
    const regs = await db.selectFrom("workshop_registrations").select(["user_id", "status", "source"]).where("session_id", "=", s.w.sessionId).execute();
    expect(regs.map((r) => r.user_id).sort()).toEqual([s.fits, s.old.id].sort());
    expect(await checkInvariants(s.w.sessionId)).toMatchObject({ confirmed: 2, counter: 2 });
    const audit = await db.selectFrom("audit_events").selectAll().where("action", "=", "staff.override").execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_id: s.staff.id, ip: "203.0.113.9", subject_type: "workshop_session", subject_id: String(s.w.sessionId) });
    expect(JSON.parse(audit[0]!.details)).toMatchObject({ what: "groupRegistration", window: "closed", reason: REASON, classId: s.cls, overriddenStudents: `${s.old.id}:notEligible` });
    expect(audit[0]!.occurred_at).toBeTruthy();
  });

  it("a missing, short or overlong reason is a field error and nothing changes", async () => {
    const s = await setup();
    const before = await tables(s.w.sessionId);
    for (const reason of ["", "ngắn", "x".repeat(501)]) {
      const res = await callAction(
        enrolAction,
        await makeRequest(`/classes/${s.cls}/enrol`, { userId: s.staff.id, form: overrideForm(s.w.sessionId, { confirm: "yes", reason }) }),
        { classId: String(s.cls) },
      );
      expect(res.status).toBe(400);
      expect(Object.keys(fieldErrorsOf(res))).toContain("reason");
    }
    expect(await tables(s.w.sessionId)).toEqual(before);
  });

  it("the class's own teacher, a student, another school's teacher get 403; anonymous the login page; staff cannot use the teacher's form; nothing changes", async () => {
    const s = await setup();
    const other = await approvedTeacher(db);
    const student = await createTestUser({ role: "student" });
    const before = await tables(s.w.sessionId);
    for (const userId of [s.teacher.id, student.id, other.id, s.fits]) {
      const res = await callAction(enrolAction, await makeRequest(`/classes/${s.cls}/enrol`, { userId, form: overrideForm(s.w.sessionId, { confirm: "yes" }) }), { classId: String(s.cls) });
      expect([userId, res.status]).toEqual([userId, 403]);
      // Not even the confirm step, and not with a malformed form (403 before any validation answer).
      const bad = await callAction(enrolAction, await makeRequest(`/classes/${s.cls}/enrol`, { userId, form: overrideForm(s.w.sessionId, { reason: "" }) }), { classId: String(s.cls) });
      expect([userId, bad.status]).toEqual([userId, 403]);
    }
    const anon = await callAction(enrolAction, await makeRequest(`/classes/${s.cls}/enrol`, { form: overrideForm(s.w.sessionId, { confirm: "yes" }) }), { classId: String(s.cls) });
    expect(anon.status).toBe(302);
    expect(anon.location).toMatch(/^\/login/);
    const staffAsTeacher = await callAction(
      enrolAction,
      await makeRequest(`/classes/${s.cls}/enrol`, { userId: s.staff.id, form: { intent: "registerSession", sessionId: s.w.sessionId } }),
      { classId: String(s.cls) },
    );
    expect(staffAsTeacher.status).toBe(403);
    expect(await tables(s.w.sessionId)).toEqual(before);
  });

  it("a session that has started is past any override: 409, nothing changes", async () => {
    const s = await setup();
    const started = await createWorkshop({ startDays: -1 });
    const before = await tables(started.sessionId);
    for (const confirm of ["yes", ""]) {
      const res = await callAction(
        enrolAction,
        await makeRequest(`/classes/${s.cls}/enrol`, { userId: s.staff.id, form: overrideForm(started.sessionId, { confirm }) }),
        { classId: String(s.cls) },
      );
      expect(res.status).toBe(409);
    }
    expect(await tables(started.sessionId)).toEqual(before);
  });
});
