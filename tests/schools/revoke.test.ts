// Withdrawing a school membership (issue 11): coordinator of that school or staff; access ends at once; the
// classes stay with the school.
import { describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { loader as classLoader } from "~/routes/classes.$classId._index";
import { action as schoolAction } from "~/routes/school._index";
import { action as staffSchoolsAction, loader as staffSchoolsLoader } from "~/routes/staff.schools";
import { bookingAccessFor } from "~/tours/access.server";
import { approvedTeacher, classOf } from "../helpers/classes";
import { addSchoolMember, createTestSchool, createTestUser } from "../helpers/factories";
import { callAction, callLoader, makeRequest } from "../helpers/http";
import { sessionUserOf } from "../helpers/tours";

const membershipOf = (userId: number, schoolId: number) =>
  db.selectFrom("school_memberships").select(["id", "status"]).where("user_id", "=", userId).where("school_id", "=", schoolId).executeTakeFirstOrThrow();

async function school() {
  const schoolId = await createTestSchool();
  const coordinator = await createTestUser({ role: "coordinator" });
  await addSchoolMember(schoolId, coordinator.id, "coordinator", "approved");
  return { schoolId, coordinator };
}

async function tables(schoolId: number) {
  return {
    memberships: await db.selectFrom("school_memberships").selectAll().where("school_id", "=", schoolId).orderBy("id").execute(),
    teachers: await db.selectFrom("class_teachers").innerJoin("classes", "classes.id", "class_teachers.class_id").select(["class_id", "teacher_id", "role"]).where("classes.school_id", "=", schoolId).orderBy("class_id").orderBy("teacher_id").execute(),
    classes: await db.selectFrom("classes").select(["id", "owner_id"]).where("school_id", "=", schoolId).orderBy("id").execute(),
  };
}

describe("revoking a membership", () => {
  it("a coordinator revokes a teacher: classes pass to the co-teacher or to the coordinator, access ends at once, it is recorded", async () => {
    const { schoolId, coordinator } = await school();
    const t = await approvedTeacher(db, schoolId);
    const co = await approvedTeacher(db, schoolId);
    const withCo = await classOf(db, t.id, schoolId, "Lớp có người dạy cùng");
    const alone = await classOf(db, t.id, schoolId, "Lớp một mình");
    await db.insertInto("class_teachers").values({ class_id: withCo, teacher_id: co.id, role: "co_teacher", created_at: new Date().toISOString() }).execute();
    expect((await callLoader(classLoader, await makeRequest(`/classes/${withCo}`, { userId: t.id }), { classId: String(withCo) })).status).toBe(200);
    const m = await membershipOf(t.id, schoolId);

    const r = await callAction(schoolAction, await makeRequest("/school", { userId: coordinator.id, form: { intent: "revoke", membershipId: m.id } }));
    expect(r.location).toBe("/school?notice=notice.schools.revoked");
    expect((await membershipOf(t.id, schoolId)).status).toBe("rejected");
    const after = await tables(schoolId);
    expect(after.classes).toEqual([
      { id: withCo, owner_id: co.id },
      { id: alone, owner_id: coordinator.id },
    ]);
    expect(after.teachers.filter((x) => x.teacher_id === t.id)).toEqual([]);
    expect(after.teachers.filter((x) => x.role === "owner").map((x) => x.teacher_id).sort()).toEqual([co.id, coordinator.id].sort());
    // At once: the classes answer 403, bookings see no school.
    for (const cls of [withCo, alone]) expect((await callLoader(classLoader, await makeRequest(`/classes/${cls}`, { userId: t.id }), { classId: String(cls) })).status).toBe(403);
    expect((await bookingAccessFor(db, await sessionUserOf(db, t.id)))!.scope).toEqual({ staff: false, schoolIds: [] });
    expect((await callLoader(classLoader, await makeRequest(`/classes/${alone}`, { userId: coordinator.id }), { classId: String(alone) })).data.isOwner).toBe(true);
    const audit = await db.selectFrom("audit_events").select(["actor_id", "details"]).where("action", "=", "school.membershipRevoked").where("subject_id", "=", String(m.id)).execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.details)).toMatchObject({ userId: t.id, schoolId, classesHandedOver: 2, classesLeft: 2 });
    const note = await db.selectFrom("notifications").select("message_key").where("user_id", "=", t.id).where("message_key", "=", "schools.notify.membershipRevoked").execute();
    expect(note).toHaveLength(1);
    // Twice: nothing left to revoke.
    expect((await callAction(schoolAction, await makeRequest("/school", { userId: coordinator.id, form: { intent: "revoke", membershipId: m.id } }))).status).toBe(404);
  });

  it("refused, with nothing changed: another school's coordinator, a teacher, a coordinator revoking a coordinator or themselves, bad ids", async () => {
    const a = await school();
    const b = await school();
    const t = await approvedTeacher(db, a.schoolId);
    await classOf(db, t.id, a.schoolId);
    const colleague = await approvedTeacher(db, a.schoolId);
    const second = await createTestUser({ role: "coordinator" });
    await addSchoolMember(a.schoolId, second.id, "coordinator", "approved");
    const before = await tables(a.schoolId);
    const tries: [number, Record<string, string | number>][] = [
      [b.coordinator.id, { intent: "revoke", membershipId: (await membershipOf(t.id, a.schoolId)).id }],
      [colleague.id, { intent: "revoke", membershipId: (await membershipOf(t.id, a.schoolId)).id }],
      [a.coordinator.id, { intent: "revoke", membershipId: (await membershipOf(second.id, a.schoolId)).id }],
      [a.coordinator.id, { intent: "revoke", membershipId: (await membershipOf(a.coordinator.id, a.schoolId)).id }],
      [a.coordinator.id, { intent: "revoke", membershipId: 99_999_999 }],
    ];
    for (const [userId, form] of tries) {
      const r = await callAction(schoolAction, await makeRequest("/school", { userId, form }));
      expect(r.status).toBe(404);
    }
    expect((await callAction(schoolAction, await makeRequest("/school", { userId: a.coordinator.id, form: { intent: "revoke", membershipId: "abc" } }))).status).toBe(400);
    const student = await createTestUser({ role: "student" });
    expect((await callAction(schoolAction, await makeRequest("/school", { userId: student.id, form: { intent: "revoke", membershipId: 1 } }))).status).toBe(403);
    expect(await tables(a.schoolId)).toEqual(before);
    expect(await db.selectFrom("audit_events").select("id").where("action", "=", "school.membershipRevoked").where("subject_id", "in", before.memberships.map((m) => String(m.id))).execute()).toEqual([]);
  });

  it("staff revoke a coordinator; with no other coordinator and no co-teacher the class keeps no teacher (staff still see it)", async () => {
    const { schoolId, coordinator } = await school();
    const cls = await classOf(db, coordinator.id, schoolId, "Lớp của điều phối viên");
    const staff = await createTestUser({ role: "staff" });
    const m = await membershipOf(coordinator.id, schoolId);
    // The staff page lists the school's approved members with a revoke form each.
    let listed = false;
    for (let page = 1; page <= 50 && !listed; page++) {
      const res = await callLoader(staffSchoolsLoader, await makeRequest(`/staff/schools?page=${page}`, { userId: staff.id }));
      listed = res.data.all.some((s: { id: number; members: { id: number }[] }) => s.id === schoolId && s.members.some((x) => x.id === m.id));
      if (page >= res.data.pages) break;
    }
    expect(listed).toBe(true);
    const r = await callAction(staffSchoolsAction, await makeRequest("/staff/schools", { userId: staff.id, form: { intent: "revoke", membershipId: m.id } }));
    expect(r.location).toBe("/staff/schools?notice=notice.schools.revoked");
    expect((await tables(schoolId)).teachers).toEqual([]);
    expect((await callLoader(classLoader, await makeRequest(`/classes/${cls}`, { userId: coordinator.id }), { classId: String(cls) })).status).toBe(403);
    expect((await callLoader(classLoader, await makeRequest(`/classes/${cls}`, { userId: staff.id }), { classId: String(cls) })).status).toBe(200);
  });
});
