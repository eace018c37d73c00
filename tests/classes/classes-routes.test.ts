import { describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { nowIso } from "~/lib/time";
import { action as newAction, loader as newLoader } from "~/routes/classes.new";
import { loader as listLoader } from "~/routes/classes._index";
import { action as classAction, loader as classLoader } from "~/routes/classes.$classId._index";
import { action as membersAction, loader as membersLoader } from "~/routes/classes.$classId.members";
import { loader as bulkLoader } from "~/routes/classes.$classId.accounts.bulk";
import { action as joinedAction } from "~/routes/classes.joined";
import { createTestSchool, createTestUser, uniqueEmail } from "../helpers/factories";
import { callAction, callLoader, fieldErrorsOf, makeRequest } from "../helpers/http";
import { countQueries } from "../helpers/query-count";
import { approvedTeacher, classOf, studentsIn } from "../helpers/classes";

const p = (id: number) => ({ classId: String(id) });

describe("creating classes", () => {
  it("a teacher with an approved school creates a class with a join code; bad input is 400 with field errors", async () => {
    const teacher = await approvedTeacher(db);
    const bad = await callAction(newAction, await makeRequest("/classes/new", { userId: teacher.id, form: { name: "x", schoolId: teacher.schoolId, grade: 13, schoolYear: "2026-2028" } }));
    expect(bad.status).toBe(400);
    expect(Object.keys(fieldErrorsOf(bad)).sort()).toEqual(["grade", "name", "schoolYear"]);
    const ok = await callAction(newAction, await makeRequest("/classes/new", { userId: teacher.id, form: { name: "8A1 — CLB Robotics", schoolId: teacher.schoolId, grade: 8, schoolYear: "2026-2027" } }));
    expect(ok.status).toBe(302);
    const id = Number(ok.location!.match(/\/classes\/(\d+)/)![1]);
    const row = await db.selectFrom("classes").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(row.join_code).toMatch(/^[A-HJKMNP-Z2-9]{8}$/);
    const teachers = await db.selectFrom("class_teachers").selectAll().where("class_id", "=", id).execute();
    expect(teachers).toMatchObject([{ teacher_id: teacher.id, role: "owner" }]);
  });

  it("refuses a school where the teacher is not approved (pending, or another school)", async () => {
    const pending = await approvedTeacher(db, undefined, "pending");
    const r = await callAction(newAction, await makeRequest("/classes/new", { userId: pending.id, form: { name: "7A2", schoolId: pending.schoolId, schoolYear: "2026-2027" } }));
    expect(r.status).toBe(403);
    expect(fieldErrorsOf(r).schoolId).toEqual(["classes.errors.schoolNotApproved"]);
    const other = await createTestSchool("Trường khác");
    const t = await approvedTeacher(db);
    const r2 = await callAction(newAction, await makeRequest("/classes/new", { userId: t.id, form: { name: "7A2", schoolId: other, schoolYear: "2026-2027" } }));
    expect(r2.status).toBe(403);
    const page = await callLoader(newLoader, await makeRequest("/classes/new", { userId: pending.id }));
    expect(page.data.schools).toEqual([]);
    // Neither refusal created a class.
    expect(await db.selectFrom("classes").select("id").where("owner_id", "in", [pending.id, t.id]).execute()).toEqual([]);
  });

  it("students cannot create classes", async () => {
    const s = await createTestUser({ role: "student" });
    expect((await callLoader(newLoader, await makeRequest("/classes/new", { userId: s.id }))).status).toBe(403);
  });
});

describe("who sees a class", () => {
  it("teacher A sees only their classes; teacher B gets 403 on A's class; a student gets 403; staff sees all, read-only", async () => {
    const a = await approvedTeacher(db);
    const b = await approvedTeacher(db, a.schoolId);
    const classA = await classOf(db, a.id, a.schoolId, "Lớp của A");
    await classOf(db, b.id, b.schoolId, "Lớp của B");
    const listA = await callLoader(listLoader, await makeRequest("/classes", { userId: a.id }));
    expect(listA.data.rows.map((r: { name: string }) => r.name)).toEqual(["Lớp của A"]);
    for (const loader of [classLoader, membersLoader, bulkLoader]) {
      expect((await callLoader(loader, await makeRequest(`/classes/${classA}`, { userId: b.id }), p(classA))).status).toBe(403);
    }
    // A real student's address: refused because of who asks, and nobody joined.
    const student = await createTestUser({ role: "student" });
    const denied = await callAction(membersAction, await makeRequest(`/classes/${classA}/members`, { userId: b.id, form: { intent: "addByEmail", email: student.email! } }), p(classA));
    expect(denied.status).toBe(403);
    expect(await db.selectFrom("class_members").select("student_id").where("class_id", "=", classA).execute()).toEqual([]);
    expect((await callLoader(classLoader, await makeRequest(`/classes/${classA}`, { userId: student.id }), p(classA))).status).toBe(403);
    expect((await callLoader(listLoader, await makeRequest("/classes", { userId: student.id }))).location).toBe("/classes/joined");
    const staff = await createTestUser({ role: "staff" });
    const seen = await callLoader(classLoader, await makeRequest(`/classes/${classA}`, { userId: staff.id }), p(classA));
    expect(seen.status).toBe(200);
    expect(seen.data.canManage).toBe(false);
    const staffPost = await callAction(classAction, await makeRequest(`/classes/${classA}`, { userId: staff.id, form: { intent: "disableCode" } }), p(classA));
    expect(staffPost.status).toBe(403);
    // Someone else's class: refused before any form error is shown, whatever was posted.
    const strangerPost = await callAction(classAction, await makeRequest(`/classes/${classA}`, { userId: b.id, form: { intent: "nonsense" } }), p(classA));
    expect(strangerPost.status).toBe(403);
    expect((await db.selectFrom("classes").select("join_code").where("id", "=", classA).executeTakeFirstOrThrow()).join_code).not.toBeNull();
    expect((await callLoader(classLoader, await makeRequest("/classes/999999", { userId: a.id }), p(999999))).status).toBe(404);
    expect((await callLoader(classLoader, await makeRequest("/classes/abc", { userId: a.id }), { classId: "abc" })).status).toBe(404);
    expect((await callLoader(classLoader, await makeRequest(`/classes/${classA}`), p(classA))).status).toBe(302);
  });

  it("a co-teacher of the same school manages the roster but not the class details; other schools' teachers are refused", async () => {
    const owner = await approvedTeacher(db);
    const co = await approvedTeacher(db, owner.schoolId);
    const stranger = await approvedTeacher(db);
    const cls = await classOf(db, owner.id, owner.schoolId);
    const add = (email: string | null, as = owner.id) =>
      makeRequest(`/classes/${cls}`, { userId: as, form: { intent: "addCoTeacher", email: email ?? "" } }).then((r) => callAction(classAction, r, p(cls)));
    expect(fieldErrorsOf(await add(stranger.email)).email).toEqual(["classes.teachers.errors.notSameSchool"]);
    expect(fieldErrorsOf(await add(uniqueEmail())).email).toEqual(["classes.teachers.errors.notFound"]);
    expect((await add(co.email)).status).toBe(302);
    expect(fieldErrorsOf(await add(co.email)).email).toEqual(["classes.teachers.errors.already"]);
    // The co-teacher: sees the class, adds a student, but cannot rename or archive it or add teachers.
    expect((await callLoader(classLoader, await makeRequest(`/classes/${cls}`, { userId: co.id }), p(cls))).data.isOwner).toBe(false);
    const student = await createTestUser({ role: "student" });
    const added = await callAction(membersAction, await makeRequest(`/classes/${cls}/members`, { userId: co.id, form: { intent: "addByEmail", email: student.email! } }), p(cls));
    expect(added.location).toContain("notice.classes.invitationSent");
    const rename = await callAction(classAction, await makeRequest(`/classes/${cls}`, { userId: co.id, form: { intent: "update", name: "Đổi tên", schoolYear: "2026-2027" } }), p(cls));
    expect(rename.status).toBe(403);
    expect((await db.selectFrom("classes").select("name").where("id", "=", cls).executeTakeFirstOrThrow()).name).not.toBe("Đổi tên");
    const teachersBefore = await db.selectFrom("class_teachers").select(["teacher_id", "role"]).where("class_id", "=", cls).orderBy("teacher_id").execute();
    expect((await add(stranger.email, co.id)).status).toBe(403);
    expect(await db.selectFrom("class_teachers").select(["teacher_id", "role"]).where("class_id", "=", cls).orderBy("teacher_id").execute()).toEqual(teachersBefore);
    // The owner removes the co-teacher: access ends.
    await callAction(classAction, await makeRequest(`/classes/${cls}`, { userId: owner.id, form: { intent: "removeCoTeacher", teacherId: co.id } }), p(cls));
    expect((await callLoader(classLoader, await makeRequest(`/classes/${cls}`, { userId: co.id }), p(cls))).status).toBe(403);
  });
});

describe("class lifecycle and roster", () => {
  it("renames, archives and restores; codes regenerate and switch off", async () => {
    const t = await approvedTeacher(db);
    const cls = await classOf(db, t.id, t.schoolId);
    const post = (form: Record<string, string>) => makeRequest(`/classes/${cls}`, { userId: t.id, form }).then((r) => callAction(classAction, r, p(cls)));
    const code = async () => (await db.selectFrom("classes").select("join_code").where("id", "=", cls).executeTakeFirstOrThrow()).join_code;
    expect((await post({ intent: "update", name: "8A2 — CLB Lập trình", grade: "8", schoolYear: "2026-2027" })).status).toBe(302);
    const before = await code();
    await post({ intent: "regenerateCode" });
    expect(await code()).not.toBe(before);
    await post({ intent: "disableCode" });
    expect(await code()).toBeNull();
    await post({ intent: "archive" });
    expect((await callLoader(listLoader, await makeRequest("/classes", { userId: t.id }))).data.rows).toEqual([]);
    expect((await callLoader(listLoader, await makeRequest("/classes?archived=1", { userId: t.id }))).data.rows[0].name).toBe("8A2 — CLB Lập trình");
    await post({ intent: "restore" });
    expect((await callLoader(listLoader, await makeRequest("/classes", { userId: t.id }))).data.rows[0].members).toBe(0);
    expect((await post({ intent: "nonsense" })).status).toBe(400);
  });

  it("adding by email only invites: one answer for a student, another role, nobody; the student joins by accepting", async () => {
    const t = await approvedTeacher(db);
    const cls = await classOf(db, t.id, t.schoolId);
    const s = await createTestUser({ role: "student", fullName: "Lê Văn Bình" });
    const other = await createTestUser({ role: "teacher" });
    const post = (form: Record<string, string | number>) => makeRequest(`/classes/${cls}/members`, { userId: t.id, form }).then((r) => callAction(membersAction, r, p(cls)));
    const answers = [];
    for (const email of [s.email!, s.email!.toUpperCase(), other.email!, "khong-co@x.vn"]) answers.push(await post({ intent: "addByEmail", email }));
    expect(new Set(answers.map((a) => `${a.status} ${a.location}`))).toEqual(new Set([`302 /classes/${cls}/members?notice=notice.classes.invitationSent`]));
    expect(fieldErrorsOf(await post({ intent: "addByEmail", email: "not-an-email" })).email).toEqual(["validation.email"]);
    // Invited is not joined: the teacher sees nobody yet; one invitation, for the student only.
    expect((await callLoader(membersLoader, await makeRequest(`/classes/${cls}/members`, { userId: t.id }), p(cls))).data.members).toEqual([]);
    expect(await db.selectFrom("class_invitations").select(["student_id", "status"]).where("class_id", "=", cls).execute()).toEqual([{ student_id: s.id, status: "pending" }]);
    const inv = await db.selectFrom("class_invitations").select("id").where("class_id", "=", cls).executeTakeFirstOrThrow();
    await callAction(joinedAction, await makeRequest("/classes/joined", { userId: s.id, form: { intent: "accept", invitationId: inv.id } }));
    const page = await callLoader(membersLoader, await makeRequest(`/classes/${cls}/members`, { userId: t.id }), p(cls));
    expect(page.data.members.map((m: { fullName: string }) => m.fullName)).toEqual(["Lê Văn Bình"]);
    expect((await post({ intent: "remove", studentId: s.id })).location).toContain("memberRemoved");
    expect((await post({ intent: "remove", studentId: s.id })).status).toBe(404);
    expect(await db.selectFrom("users").select("id").where("id", "=", s.id).executeTakeFirst()).toBeTruthy();
    expect((await post({ intent: "remove", studentId: "abc" })).status).toBe(400);
  });

  it("lists member counts without a query per class", async () => {
    const t = await approvedTeacher(db);
    const c1 = await classOf(db, t.id, t.schoolId, "Lớp 1");
    await classOf(db, t.id, t.schoolId, "Lớp 2");
    await studentsIn(db, c1, 3);
    const listed = async () => countQueries(async () => callLoader(listLoader, await makeRequest("/classes", { userId: t.id })));
    const two = await listed();
    expect(two.result.data.rows.map((r: { name: string; members: number }) => [r.name, r.members])).toEqual([
      ["Lớp 1", 3],
      ["Lớp 2", 0],
    ]);
    // Six more classes with members: the same number of queries.
    for (let i = 3; i <= 8; i++) await studentsIn(db, await classOf(db, t.id, t.schoolId, `Lớp ${i}`), 2);
    const eight = await listed();
    expect(eight.result.data.rows).toHaveLength(8);
    expect(two.queries).toBeGreaterThan(0);
    expect(eight.queries).toBe(two.queries);
  });
});

describe("dashboard panel and staff view", () => {
  it("teachers see their classes, students the classes they joined, a coordinator without classes nothing; staff list every class", async () => {
    const { loadClassesDashboard } = await import("~/classes/dashboard.server");
    const t = await approvedTeacher(db);
    const cls = await classOf(db, t.id, t.schoolId, "Lớp bảng điều khiển");
    const [s] = await studentsIn(db, cls, 1);
    const asUser = (id: number, role: string) => ({ id, role }) as never;
    const at = { locale: "vi" as const, now: nowIso() };
    const teacherPanel = await loadClassesDashboard(db, asUser(t.id, "teacher"), at);
    expect(teacherPanel).toMatchObject({ kind: "teacher", classes: [{ id: cls, members: 1, averageProgress: null }], upcoming: [] });
    expect(await loadClassesDashboard(db, asUser(s, "student"), at)).toMatchObject({ kind: "student", classes: [{ id: cls, name: "Lớp bảng điều khiển" }] });
    const coordinator = await createTestUser({ role: "coordinator" });
    expect(await loadClassesDashboard(db, asUser(coordinator.id, "coordinator"), at)).toBeNull();
    const staff = await createTestUser({ role: "staff" });
    expect(await loadClassesDashboard(db, asUser(staff.id, "staff"), at)).toBeNull();
    const list = await callLoader(listLoader, await makeRequest("/classes", { userId: staff.id }));
    expect(list.data.staff).toBe(true);
    expect(list.data.total).toBeGreaterThanOrEqual(1);
    expect(list.data.rows.map((r: { id: number }) => r.id)).toContain(cls);
  });
});
