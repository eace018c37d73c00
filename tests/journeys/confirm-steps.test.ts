// Point 3 of issue 19: leaving a class and removing a student from a roster need their confirm step; the final
// POST replayed without confirm=yes is refused (400, "confirm.required") and nothing changes.
import { describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { action as joinAction } from "~/routes/join._index";
import { action as leaveAction } from "~/routes/classes.joined";
import { action as rosterAction } from "~/routes/staff.sessions.$sessionId.roster";
import { createTestUser } from "../helpers/factories";
import { callAction, fieldErrorsOf, makeRequest } from "../helpers/http";
import { approvedTeacher, classOf } from "../helpers/classes";
import { createWorkshop, registerStudent, registrationsOf, sessionRow } from "../helpers/workshops";

const codeOf = async (id: number) => (await db.selectFrom("classes").select("join_code").where("id", "=", id).executeTakeFirstOrThrow()).join_code!;
const members = async (id: number) => (await db.selectFrom("class_members").select("student_id").where("class_id", "=", id).execute()).map((r) => r.student_id);

describe("confirm steps cannot be skipped", () => {
  it("leaving a class: without confirm=yes refused, still a member; with it, gone", async () => {
    const t = await approvedTeacher(db);
    const cls = await classOf(db, t.id, t.schoolId);
    const s = await createTestUser({ role: "student" });
    await callAction(joinAction, await makeRequest("/join", { userId: s.id, form: { code: await codeOf(cls) } }));
    const forms: Record<string, string | number>[] = [{ intent: "leave", classId: cls }, { intent: "leave", classId: cls, confirm: "no" }, { intent: "leave", classId: cls, confirm: "" }];
    for (const form of forms) {
      const r = await callAction(leaveAction, await makeRequest("/classes/joined", { userId: s.id, form }));
      expect(r.status).toBe(400);
      expect(fieldErrorsOf(r)[""]).toEqual(["confirm.required"]);
    }
    expect(await members(cls)).toEqual([s.id]);
    const left = await callAction(leaveAction, await makeRequest("/classes/joined", { userId: s.id, form: { intent: "leave", classId: cls, confirm: "yes" } }));
    expect(left.location).toContain("notice.classes.left");
    expect(await members(cls)).toEqual([]);
  });

  it("removing from a roster: without confirm=yes refused, the seat stays; with it, #1 on the waitlist takes it", async () => {
    const staff = await createTestUser({ role: "staff" });
    const w = await createWorkshop({ session: { capacity: 1 } });
    const a = await createTestUser({ role: "student", grade: 8 });
    const b = await createTestUser({ role: "student", grade: 8 });
    await registerStudent(db, { sessionId: w.sessionId, userId: a.id });
    await registerStudent(db, { sessionId: w.sessionId, userId: b.id });
    const [regA] = await registrationsOf(w.sessionId);
    const p = { sessionId: String(w.sessionId) };
    const path = `/staff/sessions/${w.sessionId}/roster`;
    const replay = await callAction(rosterAction, await makeRequest(path, { userId: staff.id, form: { intent: "remove", registrationId: regA.id } }), p);
    expect(replay.status).toBe(400);
    expect(fieldErrorsOf(replay)[""]).toEqual(["confirm.required"]);
    expect((await registrationsOf(w.sessionId)).map((r) => [r.user_id, r.status])).toEqual([
      [a.id, "confirmed"],
      [b.id, "waitlisted"],
    ]);
    expect((await sessionRow(w.sessionId)).confirmed_count).toBe(1);
    // A student cannot remove anyone, confirmed or not.
    const student = await callAction(rosterAction, await makeRequest(path, { userId: b.id, form: { intent: "remove", registrationId: regA.id, confirm: "yes" } }), p);
    expect(student.status).toBe(403);
    const done = await callAction(rosterAction, await makeRequest(path, { userId: staff.id, form: { intent: "remove", registrationId: regA.id, confirm: "yes" } }), p);
    expect(done.status).toBe(200);
    expect((await registrationsOf(w.sessionId)).map((r) => [r.user_id, r.status])).toEqual([
      [a.id, "removed"],
      [b.id, "confirmed"],
    ]);
  });
});
