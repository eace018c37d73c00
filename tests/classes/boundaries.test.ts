// Boundaries between schools in classes (issue 11): password resets of teacher-created accounts.
import { describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { nowIso } from "~/lib/time";
import { action as bulkAction } from "~/routes/classes.$classId.accounts.bulk";
import { action as membersAction } from "~/routes/classes.$classId.members";
import { callAction, makeRequest } from "../helpers/http";
import { approvedTeacher, classOf } from "../helpers/classes";

const p = (id: number) => ({ classId: String(id) });

async function managedStudent(teacherId: number, cls: number, name: string) {
  const created = await callAction(bulkAction, await makeRequest(`/classes/${cls}/accounts/bulk`, { userId: teacherId, form: { names: name } }), p(cls));
  const card = created.data.cards.cards[0];
  return db.selectFrom("users").select(["id", "password_hash"]).where("username", "=", card.username).executeTakeFirstOrThrow();
}

const reset = async (teacherId: number, cls: number, studentId: number) =>
  callAction(membersAction, await makeRequest(`/classes/${cls}/members`, { userId: teacherId, form: { intent: "resetPassword", studentId } }), p(cls));

describe("resetting a teacher-created account", () => {
  it("another school's teacher whose class the student joined cannot reset it; nothing changes", async () => {
    const a = await approvedTeacher(db);
    const clsA = await classOf(db, a.id, a.schoolId);
    const student = await managedStudent(a.id, clsA, "Huỳnh Gia Bảo");
    const b = await approvedTeacher(db);
    const clsB = await classOf(db, b.id, b.schoolId, "Lớp trường khác");
    await db.insertInto("class_members").values({ class_id: clsB, student_id: student.id, joined_via: "code", created_at: nowIso() }).execute();
    const denied = await reset(b.id, clsB, student.id);
    expect(denied.status).toBe(403);
    expect((await db.selectFrom("users").select("password_hash").where("id", "=", student.id).executeTakeFirstOrThrow()).password_hash).toBe(student.password_hash);
    expect(await db.selectFrom("audit_events").select("id").where("action", "=", "class.accountPasswordReset").where("subject_id", "=", String(student.id)).execute()).toEqual([]);
    // The creating school's teacher still can, and it is recorded.
    expect((await reset(a.id, clsA, student.id)).status).toBe(200);
    const audit = await db.selectFrom("audit_events").select(["actor_id", "details"]).where("action", "=", "class.accountPasswordReset").where("subject_id", "=", String(student.id)).execute();
    expect(audit).toEqual([{ actor_id: a.id, details: JSON.stringify({ classId: clsA }) }]);
  });

  it("a co-teacher of the creating school resets in another class of that school; a teacher no longer approved there cannot", async () => {
    const a = await approvedTeacher(db);
    const clsA = await classOf(db, a.id, a.schoolId);
    const student = await managedStudent(a.id, clsA, "Đinh Thị Hoa");
    const colleague = await approvedTeacher(db, a.schoolId);
    const clsC = await classOf(db, colleague.id, a.schoolId, "Lớp đồng nghiệp");
    await db.insertInto("class_members").values({ class_id: clsC, student_id: student.id, joined_via: "code", created_at: nowIso() }).execute();
    expect((await reset(colleague.id, clsC, student.id)).status).toBe(200);
    await db.updateTable("school_memberships").set({ status: "rejected" }).where("user_id", "=", colleague.id).execute();
    const before = (await db.selectFrom("users").select("password_hash").where("id", "=", student.id).executeTakeFirstOrThrow()).password_hash;
    expect((await reset(colleague.id, clsC, student.id)).status).toBe(403);
    expect((await db.selectFrom("users").select("password_hash").where("id", "=", student.id).executeTakeFirstOrThrow()).password_hash).toBe(before);
  });
});
