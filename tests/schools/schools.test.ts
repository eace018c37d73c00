// /school and /staff/schools: joining, proposing, coordinators deciding teacher requests, staff approvals.
import { describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { action as schoolAction, loader as schoolLoader } from "~/routes/school._index";
import { action as staffSchoolsAction, loader as staffSchoolsLoader } from "~/routes/staff.schools";
import { decideMembership, requestMembership } from "~/schools/schools.server";
import { addSchoolMember, createTestSchool, createTestUser } from "../helpers/factories";
import { callAction, callLoader, fieldErrorsOf, makeRequest } from "../helpers/http";

const membership = (userId: number, schoolId: number) =>
  db.selectFrom("school_memberships").selectAll().where("user_id", "=", userId).where("school_id", "=", schoolId).executeTakeFirst();
/** Every row a schools action may touch, to prove a refusal changed nothing. */
const schoolTables = async () => ({
  schools: await db.selectFrom("schools").selectAll().orderBy("id").execute(),
  memberships: await db.selectFrom("school_memberships").selectAll().orderBy("id").execute(),
  notifications: await db.selectFrom("notifications").selectAll().orderBy("id").execute(),
});

describe("my school", () => {
  it("a teacher asks to join an approved school: pending, told so; asking twice is refused", async () => {
    const schoolId = await createTestSchool("Trường THCS Phú Hòa");
    const teacher = await createTestUser({ role: "teacher" });
    const r = await callAction(schoolAction, await makeRequest("/school", { userId: teacher.id, form: { intent: "join", schoolId } }));
    expect(r.status).toBe(302);
    expect(await membership(teacher.id, schoolId)).toMatchObject({ role: "teacher", status: "pending" });
    const page = await callLoader(schoolLoader, await makeRequest("/school", { userId: teacher.id }));
    expect(page.data.memberships).toMatchObject([{ schoolId, status: "pending" }]);
    expect(page.data.pending).toBe(true);
    const tables = await schoolTables();
    const again = await callAction(schoolAction, await makeRequest("/school", { userId: teacher.id, form: { intent: "join", schoolId } }));
    expect(again.status).toBe(409);
    expect(fieldErrorsOf(again).schoolId).toEqual(["schools.errors.alreadyMember"]);
    const unknown = await callAction(schoolAction, await makeRequest("/school", { userId: teacher.id, form: { intent: "join", schoolId: 987654 } }));
    expect(unknown.status).toBe(409);
    expect(fieldErrorsOf(unknown).schoolId).toEqual(["schools.errors.notFound"]);
    expect(await schoolTables()).toEqual(tables);
  });

  it("a coordinator proposes a new school: pending school + pending coordinator membership; staff approve both and the proposer is notified", async () => {
    const coordinator = await createTestUser({ role: "coordinator" });
    const staff = await createTestUser({ role: "staff" });
    const bad = await callAction(schoolAction, await makeRequest("/school", { userId: coordinator.id, form: { intent: "propose", name: "A", email: "không-phải-email" } }));
    expect(bad.status).toBe(400);
    expect(fieldErrorsOf(bad)).toMatchObject({ name: ["schools.errors.name"], email: ["validation.email"] });
    const r = await callAction(schoolAction, await makeRequest("/school", { userId: coordinator.id, form: { intent: "propose", name: "Trường THCS Tân Đông Hiệp", province: "Bình Dương" } }));
    expect(r.status).toBe(302);
    const school = await db.selectFrom("schools").selectAll().where("name", "=", "Trường THCS Tân Đông Hiệp").executeTakeFirstOrThrow();
    expect(school).toMatchObject({ status: "pending", created_by: coordinator.id });
    expect(await membership(coordinator.id, school.id)).toMatchObject({ role: "coordinator", status: "pending" });

    const list = await callLoader(staffSchoolsLoader, await makeRequest("/staff/schools", { userId: staff.id }));
    expect(list.data.schools.map((s: { id: number }) => s.id)).toContain(school.id);
    expect((await callAction(staffSchoolsAction, await makeRequest("/staff/schools", { userId: staff.id, form: { intent: "school", schoolId: school.id, decision: "approve" } }))).status).toBe(302);
    expect((await db.selectFrom("schools").select("status").where("id", "=", school.id).executeTakeFirstOrThrow()).status).toBe("approved");
    expect(await membership(coordinator.id, school.id)).toMatchObject({ status: "approved", decided_by: staff.id });
    const note = await db.selectFrom("notifications").select("message_key").where("user_id", "=", coordinator.id).executeTakeFirstOrThrow();
    expect(note.message_key).toBe("schools.notify.schoolApproved");
    const tables = await schoolTables();
    const twice = await callAction(staffSchoolsAction, await makeRequest("/staff/schools", { userId: staff.id, form: { intent: "school", schoolId: school.id, decision: "reject" } }));
    expect(twice.status).toBe(409);
    expect(fieldErrorsOf(twice)[""]).toEqual(["schools.errors.alreadyDecided"]);
    expect(await schoolTables()).toEqual(tables);
  });

  it("a coordinator approves teacher requests of their school only, edits its profile; a coordinator of another school cannot", async () => {
    const schoolA = await createTestSchool("Trường A");
    const schoolB = await createTestSchool("Trường B");
    const coordA = await createTestUser({ role: "coordinator" });
    const coordB = await createTestUser({ role: "coordinator" });
    await addSchoolMember(schoolA, coordA.id, "coordinator");
    await addSchoolMember(schoolB, coordB.id, "coordinator");
    const teacher = await createTestUser({ role: "teacher" });
    await addSchoolMember(schoolA, teacher.id, "teacher", "pending");
    const m = (await membership(teacher.id, schoolA))!;

    const page = await callLoader(schoolLoader, await makeRequest("/school", { userId: coordA.id }));
    expect(page.data.managed[0].pending.map((p: { id: number }) => p.id)).toEqual([m.id]);
    expect((await callLoader(schoolLoader, await makeRequest("/school", { userId: coordB.id }))).data.managed[0].pending).toEqual([]);

    const tables = await schoolTables();
    const foreign = await callAction(schoolAction, await makeRequest("/school", { userId: coordB.id, form: { intent: "decide", membershipId: m.id, decision: "approve" } }));
    expect(foreign.status).toBe(409);
    expect(fieldErrorsOf(foreign)[""]).toEqual(["schools.errors.alreadyDecided"]);
    expect((await membership(teacher.id, schoolA))!.status).toBe("pending");
    const byTeacher = await callAction(schoolAction, await makeRequest("/school", { userId: teacher.id, form: { intent: "decide", membershipId: m.id, decision: "approve" } }));
    expect(byTeacher.status).toBe(403);
    expect(fieldErrorsOf(byTeacher)[""]).toEqual(["schools.errors.notCoordinator"]);
    expect(await schoolTables()).toEqual(tables);

    expect((await callAction(schoolAction, await makeRequest("/school", { userId: coordA.id, form: { intent: "decide", membershipId: m.id, decision: "approve" } }))).status).toBe(302);
    expect(await membership(teacher.id, schoolA)).toMatchObject({ status: "approved", decided_by: coordA.id });
    const note = await db.selectFrom("notifications").select(["message_key", "params"]).where("user_id", "=", teacher.id).executeTakeFirstOrThrow();
    expect(note.message_key).toBe("schools.notify.membershipApproved");
    expect(JSON.parse(note.params)).toEqual({ school: "Trường A" });

    const edit = { intent: "profile", schoolId: schoolA, name: "Trường THCS A", address: "12 Yersin", district: "Thủ Dầu Một", province: "Bình Dương", phone: "0274 3822 999", email: "a@example.edu.vn" };
    expect((await callAction(schoolAction, await makeRequest("/school", { userId: coordA.id, form: edit }))).status).toBe(302);
    expect((await db.selectFrom("schools").select("name").where("id", "=", schoolA).executeTakeFirstOrThrow()).name).toBe("Trường THCS A");
    const edited = await schoolTables();
    const byOther = await callAction(schoolAction, await makeRequest("/school", { userId: coordB.id, form: { ...edit, name: "Bị đổi" } }));
    expect(byOther.status).toBe(403);
    expect(fieldErrorsOf(byOther)[""]).toEqual(["schools.errors.notCoordinator"]);
    expect((await callAction(schoolAction, await makeRequest("/school", { userId: teacher.id, form: { ...edit, name: "Bị đổi" } }))).status).toBe(403);
    expect(await schoolTables()).toEqual(edited);
    expect((await db.selectFrom("schools").select("name").where("id", "=", schoolA).executeTakeFirstOrThrow()).name).toBe("Trường THCS A");
  });

  it("students are refused /school; staff are sent to /staff/schools; only staff use /staff/schools", async () => {
    // Real rows: a school to join and a pending membership to decide, so each refusal is about who asks.
    const schoolId = await createTestSchool("Trường THCS Có Thật");
    const pendingTeacher = await createTestUser({ role: "teacher" });
    await addSchoolMember(schoolId, pendingTeacher.id, "teacher", "pending");
    const pending = await db.selectFrom("school_memberships").select("id").where("user_id", "=", pendingTeacher.id).executeTakeFirstOrThrow();
    const tables = await schoolTables();
    const student = await createTestUser({ role: "student" });
    expect((await callLoader(schoolLoader, await makeRequest("/school", { userId: student.id }))).status).toBe(403);
    expect((await callAction(schoolAction, await makeRequest("/school", { userId: student.id, form: { intent: "join", schoolId } }))).status).toBe(403);
    const staff = await createTestUser({ role: "staff" });
    expect((await callLoader(schoolLoader, await makeRequest("/school", { userId: staff.id }))).location).toBe("/staff/schools");
    const coord = await createTestUser({ role: "coordinator" });
    expect((await callLoader(staffSchoolsLoader, await makeRequest("/staff/schools", { userId: coord.id }))).status).toBe(403);
    expect((await callAction(staffSchoolsAction, await makeRequest("/staff/schools", { userId: coord.id, form: { intent: "membership", membershipId: pending.id, decision: "approve" } }))).status).toBe(403);
    // Nothing changed: no membership for the student, the teacher's request still pending.
    expect(await schoolTables()).toEqual(tables);
    expect(await db.selectFrom("school_memberships").select("status").where("id", "=", pending.id).executeTakeFirstOrThrow()).toEqual({ status: "pending" });
    const junk = await callAction(staffSchoolsAction, await makeRequest("/staff/schools", { userId: staff.id, form: { intent: "membership", membershipId: "x", decision: "maybe" } }));
    expect(junk.status).toBe(400);
  });
});

describe("schools at a fixed instant", () => {
  it("requests and decisions are stamped with the caller's `now`; deciding twice is refused with a reason", async () => {
    const schoolId = await createTestSchool("Trường THCS Bình An");
    const teacher = await createTestUser({ role: "teacher" });
    const staff = await createTestUser({ role: "staff" });
    const asked = await requestMembership(db, { user: { id: teacher.id, role: "teacher" }, schoolId, now: "2030-01-01T00:00:00.000Z" });
    expect(asked).toEqual({ ok: true, value: undefined });
    expect(await requestMembership(db, { user: { id: teacher.id, role: "teacher" }, schoolId, now: "2030-01-01T00:01:00.000Z" })).toEqual({ ok: false, reason: "alreadyMember" });
    expect(await requestMembership(db, { user: { id: teacher.id, role: "teacher" }, schoolId: 987_654, now: "2030-01-01T00:01:00.000Z" })).toEqual({ ok: false, reason: "unknownSchool" });
    const m = (await membership(teacher.id, schoolId))!;
    expect(m.created_at).toBe("2030-01-01T00:00:00.000Z");
    const decided = await decideMembership(db, { membershipId: m.id, approve: true, deciderId: staff.id, scope: "all", now: "2030-01-02T03:04:05.000Z" });
    expect(decided).toEqual({ ok: true, value: undefined });
    expect(await membership(teacher.id, schoolId)).toMatchObject({ status: "approved", decided_by: staff.id, decided_at: "2030-01-02T03:04:05.000Z" });
    expect(await decideMembership(db, { membershipId: m.id, approve: false, deciderId: staff.id, scope: "all", now: "2030-01-03T00:00:00.000Z" })).toEqual({ ok: false, reason: "alreadyDecided" });
    expect((await membership(teacher.id, schoolId))!.status).toBe("approved");
  });
});
