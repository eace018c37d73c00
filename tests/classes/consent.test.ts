// Consent to join a class (issue 11): invitations by email, answered by the student only; leaving; who sees what.
import { describe, expect, it } from "vitest";
import { answerInvitation, inviteByEmail, listPendingInvitations } from "~/classes/invitations.server";
import { db } from "~/lib/db.server";
import { action as joinedAction, loader as joinedLoader } from "~/routes/classes.joined";
import { action as membersAction, loader as membersLoader } from "~/routes/classes.$classId.members";
import { loader as progressLoader } from "~/routes/classes.$classId.progress";
import { loader as studentLoader } from "~/routes/classes.$classId.students.$studentId";
import { createTestUser } from "../helpers/factories";
import { callAction, callLoader, makeRequest } from "../helpers/http";
import { approvedTeacher, classOf } from "../helpers/classes";

const NOW = "2026-11-30T08:00:00.000Z";
const LATER = "2026-11-30T09:00:00.000Z";
const actor = (userId: number) => ({ userId, ip: "203.0.113.9" });
const p = (id: number) => ({ classId: String(id) });

async function snapshot(classId: number, studentId: number) {
  return {
    members: await db.selectFrom("class_members").selectAll().where("class_id", "=", classId).orderBy("student_id").execute(),
    invitations: await db.selectFrom("class_invitations").selectAll().where("class_id", "=", classId).orderBy("id").execute(),
    notifications: await db.selectFrom("notifications").select(["id", "message_key"]).where("user_id", "=", studentId).orderBy("id").execute(),
  };
}

describe("class invitations", () => {
  it("an invitation goes to a student only, notifies them once, and is recorded; other roles and unknown emails change nothing", async () => {
    const t = await approvedTeacher(db);
    const cls = await classOf(db, t.id, t.schoolId);
    const s = await createTestUser({ role: "student" });
    const coordinator = await createTestUser({ role: "coordinator" });
    expect(await inviteByEmail(db, { classId: cls, email: ` ${s.email!.toUpperCase()} `, actor: actor(t.id), now: NOW })).toEqual({ sent: true });
    expect(await inviteByEmail(db, { classId: cls, email: s.email!, actor: actor(t.id), now: LATER })).toEqual({ sent: true });
    const before = await snapshot(cls, s.id);
    expect(before.invitations).toMatchObject([{ student_id: s.id, invited_by: t.id, status: "pending", created_at: NOW, answered_at: null }]);
    expect(before.notifications.map((n) => n.message_key)).toContain("notifications.classInvitation");
    expect(before.notifications.filter((n) => n.message_key === "notifications.classInvitation")).toHaveLength(1);
    expect(before.members).toEqual([]);
    for (const email of [coordinator.email!, t.email!, "nobody@nowhere.example"]) {
      expect(await inviteByEmail(db, { classId: cls, email, actor: actor(t.id), now: NOW })).toEqual({ sent: true });
    }
    expect(await snapshot(cls, s.id)).toEqual(before);
    const audit = await db.selectFrom("audit_events").select(["action", "actor_id", "details"]).where("subject_type", "=", "class").where("subject_id", "=", String(cls)).orderBy("id").execute();
    expect(audit.map((a) => [a.action, a.actor_id, JSON.parse(a.details).invited])).toEqual([
      ["class.memberInvited", t.id, true],
      ["class.memberInvited", t.id, false],
      ["class.memberInvited", t.id, false],
      ["class.memberInvited", t.id, false],
      ["class.memberInvited", t.id, false],
    ]);
  });

  it("only the invited student answers; accepting joins, declining does not, and an answered invitation cannot be answered again", async () => {
    const t = await approvedTeacher(db);
    const cls = await classOf(db, t.id, t.schoolId);
    const [s, other] = [await createTestUser({ role: "student" }), await createTestUser({ role: "student" })];
    await inviteByEmail(db, { classId: cls, email: s.email!, actor: actor(t.id), now: NOW });
    const [inv] = await listPendingInvitations(db, s.id);
    expect(inv).toMatchObject({ className: "8A1 — CLB Robotics", teacherName: expect.any(String) });
    const before = await snapshot(cls, s.id);
    expect(await answerInvitation(db, { invitationId: inv!.id, student: other, accept: true, ip: "x", now: LATER })).toEqual({ ok: false, reason: "notFound" });
    expect(await snapshot(cls, s.id)).toEqual(before);
    expect(await answerInvitation(db, { invitationId: inv!.id, student: s, accept: true, ip: "x", now: LATER })).toEqual({ ok: true, value: { classId: cls, accepted: true } });
    expect((await snapshot(cls, s.id)).members).toMatchObject([{ student_id: s.id, joined_via: "email", created_at: LATER }]);
    expect(await answerInvitation(db, { invitationId: inv!.id, student: s, accept: false, ip: "x", now: LATER })).toEqual({ ok: false, reason: "notFound" });
    expect(await listPendingInvitations(db, s.id)).toEqual([]);
  });

  it("a declined invitation stays declined: inviting again neither re-opens it nor notifies the student", async () => {
    const t = await approvedTeacher(db);
    const cls = await classOf(db, t.id, t.schoolId);
    const s = await createTestUser({ role: "student" });
    await inviteByEmail(db, { classId: cls, email: s.email!, actor: actor(t.id), now: NOW });
    const [inv] = await listPendingInvitations(db, s.id);
    expect((await answerInvitation(db, { invitationId: inv!.id, student: s, accept: false, ip: "x", now: NOW })).ok).toBe(true);
    const before = await snapshot(cls, s.id);
    await inviteByEmail(db, { classId: cls, email: s.email!, actor: actor(t.id), now: LATER });
    expect(await snapshot(cls, s.id)).toEqual(before);
    expect(before.invitations[0]!.status).toBe("declined");
    expect(before.members).toEqual([]);
  });
});

describe("the consent flow through the pages", () => {
  it("pending or declined: the teacher's roster, progress and student page show nothing of the student; accepted: they do", async () => {
    const t = await approvedTeacher(db);
    const cls = await classOf(db, t.id, t.schoolId);
    const s = await createTestUser({ role: "student", fullName: "Đặng Thị Riêng Tư" });
    const invite = await callAction(membersAction, await makeRequest(`/classes/${cls}/members`, { userId: t.id, form: { intent: "addByEmail", email: s.email! } }), p(cls));
    expect(invite.location).toBe(`/classes/${cls}/members?notice=notice.classes.invitationSent`);
    const teacherSees = async () => {
      const roster = await callLoader(membersLoader, await makeRequest(`/classes/${cls}/members`, { userId: t.id }), p(cls));
      const progress = await callLoader(progressLoader, await makeRequest(`/classes/${cls}/progress`, { userId: t.id }), p(cls));
      const student = await callLoader(studentLoader, await makeRequest(`/classes/${cls}/students/${s.id}`, { userId: t.id }), { classId: String(cls), studentId: String(s.id) });
      return { roster: JSON.stringify(roster.data), progress: JSON.stringify(progress.data), student: student.status };
    };
    const pending = await teacherSees();
    expect(pending.roster).not.toContain("Riêng Tư");
    expect(pending.progress).not.toContain("Riêng Tư");
    expect(pending.student).toBe(404);

    const page = await callLoader(joinedLoader, await makeRequest("/classes/joined", { userId: s.id }));
    expect(page.data.invitations).toHaveLength(1);
    // Someone else's invitation id: 404, nothing changes.
    const stranger = await createTestUser({ role: "student" });
    const denied = await callAction(joinedAction, await makeRequest("/classes/joined", { userId: stranger.id, form: { intent: "accept", invitationId: page.data.invitations[0].id } }));
    expect(denied.status).toBe(404);
    expect((await snapshot(cls, s.id)).members).toEqual([]);

    const accepted = await callAction(joinedAction, await makeRequest("/classes/joined", { userId: s.id, form: { intent: "accept", invitationId: page.data.invitations[0].id } }));
    expect(accepted.location).toBe("/classes/joined?notice=notice.classes.invitationAccepted");
    const after = await teacherSees();
    expect(after.roster).toContain("Riêng Tư");
    expect(after.progress).toContain("Riêng Tư");
    expect(after.student).toBe(200);
    // The student sees who can see their progress.
    const joined = await callLoader(joinedLoader, await makeRequest("/classes/joined", { userId: s.id }));
    expect(joined.data.classes).toHaveLength(1);
    expect(joined.data.classes[0].teachers).toHaveLength(1);

    // Leaving ends it, and is recorded.
    const left = await callAction(joinedAction, await makeRequest("/classes/joined", { userId: s.id, form: { intent: "leave", classId: cls, confirm: "yes" } }));
    expect(left.location).toContain("notice.classes.left");
    expect((await teacherSees()).student).toBe(404);
    const audit = await db.selectFrom("audit_events").select("action").where("subject_id", "=", String(cls)).orderBy("id").execute();
    expect(audit.map((a) => a.action)).toEqual(["class.memberInvited", "class.invitationAnswered", "class.memberRemoved"]);
  });

  it("a declined invitation: the teacher still sees nothing", async () => {
    const t = await approvedTeacher(db);
    const cls = await classOf(db, t.id, t.schoolId);
    const s = await createTestUser({ role: "student", fullName: "Phan Văn Từ Chối" });
    await callAction(membersAction, await makeRequest(`/classes/${cls}/members`, { userId: t.id, form: { intent: "addByEmail", email: s.email! } }), p(cls));
    const [inv] = await listPendingInvitations(db, s.id);
    const declined = await callAction(joinedAction, await makeRequest("/classes/joined", { userId: s.id, form: { intent: "decline", invitationId: inv!.id } }));
    expect(declined.location).toBe("/classes/joined?notice=notice.classes.invitationDeclined");
    const roster = await callLoader(membersLoader, await makeRequest(`/classes/${cls}/members`, { userId: t.id }), p(cls));
    expect(JSON.stringify(roster.data)).not.toContain("Từ Chối");
    expect((await snapshot(cls, s.id)).members).toEqual([]);
  });
});
