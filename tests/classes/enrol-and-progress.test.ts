import { QueryCounter } from "../helpers/query-count";
import { describe, expect, it } from "vitest";
import { loadClassesDashboard } from "~/classes/dashboard.server";
import { loadClassProgress, rowTotal } from "~/classes/progress.server";
import { completeLesson } from "~/courses/progress.server";
import { db } from "~/lib/db.server";
import { nowIso } from "~/lib/time";
import { action as enrolAction, loader as enrolLoader } from "~/routes/classes.$classId.enrol";
import { loader as progressLoader } from "~/routes/classes.$classId.progress";
import { loader as csvLoader } from "~/routes/classes.$classId.progress[.]csv";
import { loader as studentLoader } from "~/routes/classes.$classId.students.$studentId";
import { markAttendance } from "~/workshops/roster.server";
import { createTestUser } from "../helpers/factories";
import { callAction, callLoader, fieldErrorsOf, makeRequest } from "../helpers/http";
import { approvedTeacher, classOf, studentsIn } from "../helpers/classes";
import { buildCourse, NOW } from "../helpers/courses";
import { createWorkshop, registerStudent } from "../helpers/workshops";

const p = (id: number) => ({ classId: String(id) });
const enrol = async (userId: number, cls: number, form: Record<string, string | number | (string | number)[]>) =>
  callAction(enrolAction, await makeRequest(`/classes/${cls}/enrol`, { userId, form }), p(cls));

describe("enrolling a class", () => {
  it("enrols the whole class in a course (again is harmless), or only the selected members; class-only courses too", async () => {
    const t = await approvedTeacher(db);
    const cls = await classOf(db, t.id, t.schoolId);
    const ids = await studentsIn(db, cls, 4);
    const course = await buildCourse({ settings: { enrolmentMode: "class_only" } });
    const first = await enrol(t.id, cls, { intent: "enrolCourse", programId: course.programId, studentIds: [ids[0]] });
    expect(first.data.outcome).toMatchObject({ kind: "courseDone", enrolled: 1, already: 0 });
    const all = await enrol(t.id, cls, { intent: "enrolCourse", programId: course.programId });
    expect(all.data.outcome).toMatchObject({ kind: "courseDone", enrolled: 3, already: 1 });
    const rows = await db.selectFrom("enrolments").select("user_id").where("program_id", "=", course.programId).where("status", "=", "active").execute();
    expect(rows.map((r) => r.user_id).sort()).toEqual([...ids].sort());
    const links = await db.selectFrom("class_courses").selectAll().where("class_id", "=", cls).execute();
    expect(links).toHaveLength(1);
    // A non-member id in the selection is ignored: a teacher cannot enrol strangers.
    const stranger = await createTestUser({ role: "student" });
    const course2 = await buildCourse();
    const r = await enrol(t.id, cls, { intent: "enrolCourse", programId: course2.programId, studentIds: [stranger.id] });
    expect(r.status).toBe(409);
    expect(fieldErrorsOf(r)).toEqual({ "": ["classes.enrol.reason.noMembers"] });
    expect(await db.selectFrom("enrolments").select("id").where("user_id", "=", stranger.id).execute()).toEqual([]);
    expect(await db.selectFrom("class_courses").select("program_id").where("class_id", "=", cls).where("program_id", "=", course2.programId).execute()).toEqual([]);
    const missing = await enrol(t.id, cls, { intent: "enrolCourse", programId: 999999 });
    expect(missing.status).toBe(404);
    expect(fieldErrorsOf(missing)).toEqual({ "": ["classes.enrol.reason.notFound"] });
    expect((await enrol(t.id, cls, { intent: "enrolCourse", programId: "x" })).status).toBe(400);
  });

  it("registers for a session all-or-nothing; when short, offers fill-then-waitlist in roster order", async () => {
    const t = await approvedTeacher(db);
    const cls = await classOf(db, t.id, t.schoolId);
    await studentsIn(db, cls, 5);
    const w = await createWorkshop({ session: { capacity: 3 } });
    const short = await enrol(t.id, cls, { intent: "registerSession", sessionId: w.sessionId });
    expect(short.status).toBe(409);
    expect(fieldErrorsOf(short)).toEqual({ "": ["classes.enrol.short"] });
    expect(short.data.params).toEqual({ seats: 3, count: 5 });
    // The offer to fill the seats resends the same session and students: they are echoed back in the reply.
    expect(short.data.submission.initialValue).toMatchObject({ intent: "registerSession", sessionId: String(w.sessionId) });
    expect(await db.selectFrom("workshop_registrations").select("id").where("session_id", "=", w.sessionId).execute()).toEqual([]);
    expect(await db.selectFrom("class_sessions").select("session_id").where("class_id", "=", cls).execute()).toEqual([]);
    const fill = await enrol(t.id, cls, { intent: "registerSession", sessionId: w.sessionId, mode: "fill-then-waitlist" });
    expect(fill.data.outcome).toMatchObject({ kind: "sessionDone", confirmed: 3, waitlisted: 2, already: 0 });
    // Roster order is by given name: the first three names are confirmed.
    const page = await callLoader(enrolLoader, await makeRequest(`/classes/${cls}/enrol`, { userId: t.id }), p(cls));
    const order = page.data.members.map((m: { id: number }) => m.id);
    const regs = await db.selectFrom("workshop_registrations").select(["user_id", "status", "waitlist_position"]).where("session_id", "=", w.sessionId).execute();
    const statusOf = new Map(regs.map((r) => [r.user_id, r.status]));
    expect(order.map((id: number) => statusOf.get(id))).toEqual(["confirmed", "confirmed", "confirmed", "waitlisted", "waitlisted"]);
    expect(page.data.options.linkedSessions.map((s: { id: number }) => s.id)).toEqual([w.sessionId]);
  });

  it("a co-teacher may enrol; another teacher and a student may not", async () => {
    const t = await approvedTeacher(db);
    const cls = await classOf(db, t.id, t.schoolId);
    await studentsIn(db, cls, 2);
    const course = await buildCourse();
    const other = await approvedTeacher(db, t.schoolId);
    expect((await enrol(other.id, cls, { intent: "enrolCourse", programId: course.programId })).status).toBe(403);
    const student = await createTestUser({ role: "student" });
    expect((await enrol(student.id, cls, { intent: "enrolCourse", programId: course.programId })).status).toBe(403);
    await db.insertInto("class_teachers").values({ class_id: cls, teacher_id: other.id, role: "co_teacher", created_at: new Date().toISOString() }).execute();
    expect((await enrol(other.id, cls, { intent: "enrolCourse", programId: course.programId })).data.outcome.kind).toBe("courseDone");
  });
});

describe("a class registration racing individual registrations", () => {
  it("25 as a class and 50 one by one for 40 seats never oversell", async () => {
    for (let round = 0; round < 3; round++) {
      const t = await approvedTeacher(db);
      const cls = await classOf(db, t.id, t.schoolId);
      await studentsIn(db, cls, 25, `Lớp ${round}`);
      const singles = await Promise.all(Array.from({ length: 50 }, () => createTestUser({ role: "student" })));
      const w = await createWorkshop({ session: { capacity: 40 } });
      const requests = [
        ...singles.slice(0, 25).map((s) => registerStudent(db, { sessionId: w.sessionId, userId: s.id })),
        enrol(t.id, cls, { intent: "registerSession", sessionId: w.sessionId, mode: round === 2 ? "fill-then-waitlist" : "all-or-nothing" }),
        ...singles.slice(25).map((s) => registerStudent(db, { sessionId: w.sessionId, userId: s.id })),
      ];
      await Promise.all(requests);
      const session = await db.selectFrom("workshop_sessions").select(["confirmed_count", "capacity"]).where("id", "=", w.sessionId).executeTakeFirstOrThrow();
      const confirmed = await db.selectFrom("workshop_registrations").select("user_id").where("session_id", "=", w.sessionId).where("status", "=", "confirmed").execute();
      expect(confirmed.length).toBe(session.confirmed_count);
      // 75 students for 40 seats: every seat is taken, none twice.
      expect(confirmed.length).toBe(40);
      expect(new Set(confirmed.map((c) => c.user_id)).size).toBe(confirmed.length);
      const classConfirmed = await db
        .selectFrom("workshop_registrations")
        .innerJoin("class_members", "class_members.student_id", "workshop_registrations.user_id")
        .select("workshop_registrations.status")
        .where("workshop_registrations.session_id", "=", w.sessionId)
        .where("class_members.class_id", "=", cls)
        .execute();
      // All-or-nothing: the class is either entirely confirmed, or it has no registration at all (nothing half
      // written, nobody of it waitlisted).
      const classIn = classConfirmed.filter((r) => r.status === "confirmed").length;
      if (round < 2) expect(classConfirmed.map((r) => r.status)).toEqual(classIn > 0 ? Array(25).fill("confirmed") : []);
      else expect(classConfirmed).toHaveLength(25);
    }
  });
});

function countingPlugin() {
  const plugin = new QueryCounter();
  return { plugin, counter: { get queries() { return plugin.count; } } };
}

describe("the progress matrix", () => {
  it("shows percentages, attendance and waitlists, totals, sorts by given name or progress, and exports CSV", async () => {
    const t = await approvedTeacher(db);
    const cls = await classOf(db, t.id, t.schoolId);
    const names = ["Nguyễn Văn Bình", "Trần Thị Ánh", "Lê Đức An"];
    const ids: number[] = [];
    for (const fullName of names) {
      const s = await createTestUser({ role: "student", fullName });
      // Members before the lessons below were done (the teacher sees what happened since joining).
      await db.insertInto("class_members").values({ class_id: cls, student_id: s.id, joined_via: "teacher", created_at: "2026-01-01T00:00:00.000Z" }).execute();
      ids.push(s.id);
    }
    const [binh, anh, an] = ids;
    const course = await buildCourse({ modules: [[{}, {}, {}, { required: false }]] });
    await enrol(t.id, cls, { intent: "enrolCourse", programId: course.programId });
    for (const lessonId of course.lessonIds[0].slice(0, 3)) await completeLesson(db, { userId: binh, lessonId, now: NOW });
    await completeLesson(db, { userId: anh, lessonId: course.lessonIds[0][0], now: NOW });
    const w = await createWorkshop({ session: { capacity: 2 } });
    await enrol(t.id, cls, { intent: "registerSession", sessionId: w.sessionId, mode: "fill-then-waitlist" });
    const meeting = await db.selectFrom("workshop_meetings").select("id").where("session_id", "=", w.sessionId).executeTakeFirstOrThrow();
    const regs = await db.selectFrom("workshop_registrations").select(["id", "user_id", "status"]).where("session_id", "=", w.sessionId).execute();
    const reg = (u: number) => regs.find((r) => r.user_id === u)!;
    // Roster order by given name: An, Ánh, Bình → An and Ánh confirmed, Bình waitlisted.
    expect(reg(binh).status).toBe("waitlisted");
    await markAttendance(db, { sessionId: w.sessionId, registrationId: reg(an).id, meetingId: meeting.id, status: "attended", markedBy: t.id, now: nowIso() });
    await markAttendance(db, { sessionId: w.sessionId, registrationId: reg(anh).id, meetingId: meeting.id, status: "absent", markedBy: t.id, now: nowIso() });

    const res = await callLoader(progressLoader, await makeRequest(`/classes/${cls}/progress`, { userId: t.id }), p(cls));
    expect(res.status).toBe(200);
    const { columns, rows } = res.data;
    expect(columns.map((c: { kind: string }) => c.kind)).toEqual(["course", "session"]);
    expect(rows.map((r: { fullName: string }) => r.fullName)).toEqual(["Lê Đức An", "Trần Thị Ánh", "Nguyễn Văn Bình"]);
    const byName = Object.fromEntries(rows.map((r: { fullName: string }) => [r.fullName, r]));
    expect(byName["Nguyễn Văn Bình"].cells).toMatchObject([{ kind: "course", percent: 100 }, { kind: "session", state: "waitlisted", position: 1 }]);
    expect(byName["Trần Thị Ánh"].cells).toMatchObject([{ percent: 33 }, { state: "absent" }]);
    expect(byName["Lê Đức An"].cells).toMatchObject([{ percent: 0 }, { state: "attended" }]);
    // Totals: course % and marked attendance only (a waitlist does not count).
    expect(byName["Nguyễn Văn Bình"].total).toBe(100);
    expect(byName["Trần Thị Ánh"].total).toBe(17);
    expect(byName["Lê Đức An"].total).toBe(50);
    const byProgress = await callLoader(progressLoader, await makeRequest(`/classes/${cls}/progress?sort=progress&dir=desc`, { userId: t.id }), p(cls));
    expect(byProgress.data.rows.map((r: { total: number }) => r.total)).toEqual([100, 50, 17]);
    const junk = await callLoader(progressLoader, await makeRequest(`/classes/${cls}/progress?sort=evil&dir=sideways`, { userId: t.id }), p(cls));
    expect(junk.status).toBe(200);

    const csv = await callLoader(csvLoader, await makeRequest(`/classes/${cls}/progress.csv`, { userId: t.id }), p(cls));
    expect(csv.status).toBe(200);
    expect(csv.headers.get("Content-Type")).toContain("text/csv");
    const text = String(csv.data);
    expect(text.split("\r\n")[1]).toContain("Lê Đức An");
    expect(text).toContain("Danh sách chờ #1");
    expect(text).toContain("Vắng mặt");

    const detail = await callLoader(studentLoader, await makeRequest(`/classes/${cls}/students/${anh}`, { userId: t.id }), { ...p(cls), studentId: String(anh) });
    expect(detail.data.row.fullName).toBe("Trần Thị Ánh");
    const outsider = await createTestUser({ role: "student" });
    expect((await callLoader(studentLoader, await makeRequest("/", { userId: t.id }), { ...p(cls), studentId: String(outsider.id) })).status).toBe(404);
    const other = await approvedTeacher(db);
    expect((await callLoader(progressLoader, await makeRequest("/", { userId: other.id }), p(cls))).status).toBe(403);
    expect((await callLoader(csvLoader, await makeRequest("/", { userId: anh }), p(cls))).status).toBe(403);

    const dash = await loadClassesDashboard(db, { id: t.id, role: "teacher" } as never, { locale: "vi", now: nowIso() });
    expect(dash).toMatchObject({ kind: "teacher", classes: [{ id: cls, members: 3, averageProgress: 44 }] });
    expect(dash && dash.kind === "teacher" && dash.upcoming.map((u) => u.sessionId)).toEqual([w.sessionId]);
  });

  it("only shows the class's own courses and sessions, not the students' other activity", async () => {
    const t = await approvedTeacher(db);
    const cls = await classOf(db, t.id, t.schoolId);
    const [s] = await studentsIn(db, cls, 1);
    const own = await buildCourse();
    const privateCourse = await buildCourse();
    await enrol(t.id, cls, { intent: "enrolCourse", programId: own.programId });
    const other = await createWorkshop();
    await registerStudent(db, { sessionId: other.sessionId, userId: s });
    await db.insertInto("enrolments").values({ program_id: privateCourse.programId, user_id: s, status: "active", source: "self", enrolled_at: new Date().toISOString(), last_activity_at: null }).execute();
    const m = await loadClassProgress(db, { classId: cls, locale: "vi" });
    expect(m.columns.map((c) => c.id)).toEqual([own.programId]);
  });

  it("uses a fixed number of queries: 45 students × 5 courses × 10 sessions", async () => {
    const t = await approvedTeacher(db);
    const cls = await classOf(db, t.id, t.schoolId);
    const small = await classOf(db, t.id, t.schoolId, "Lớp nhỏ");
    await studentsIn(db, cls, 45);
    await studentsIn(db, small, 2);
    for (let i = 0; i < 5; i++) {
      const c = await buildCourse({ modules: [[{}, {}, {}]] });
      await enrol(t.id, cls, { intent: "enrolCourse", programId: c.programId });
      await enrol(t.id, small, { intent: "enrolCourse", programId: c.programId });
    }
    for (let i = 0; i < 10; i++) {
      const w = await createWorkshop({ session: { capacity: 60 } });
      await enrol(t.id, cls, { intent: "registerSession", sessionId: w.sessionId });
      await enrol(t.id, small, { intent: "registerSession", sessionId: w.sessionId });
    }
    const measure = async (classId: number) => {
      const { plugin, counter } = countingPlugin();
      const started = performance.now();
      const m = await loadClassProgress(db.withPlugin(plugin), { classId, locale: "vi" });
      return { queries: counter.queries, ms: performance.now() - started, m };
    };
    const big = await measure(cls);
    const tiny = await measure(small);
    expect(big.m.rows).toHaveLength(45);
    expect(big.m.columns).toHaveLength(15);
    expect(big.m.rows.every((r) => r.cells.length === 15)).toBe(true);
    expect(big.queries).toBe(tiny.queries);
    expect(big.queries).toBeLessThanOrEqual(10);
    console.log(`progress matrix 45×(5 courses + 10 sessions): ${big.queries} queries, ${big.ms.toFixed(1)} ms (2 students: ${tiny.queries} queries)`);
  });

  it("rowTotal ignores unmarked sessions and returns null when nothing counts", () => {
    expect(rowTotal([])).toBeNull();
    expect(rowTotal([{ kind: "session", state: "confirmed", position: null, attended: 0, meetings: 1 }])).toBeNull();
    expect(rowTotal([{ kind: "course", percent: 40, enrolled: true, completedAt: null, lastActivityAt: null }, { kind: "session", state: "attended", position: null, attended: 1, meetings: 1 }])).toBe(70);
  });
});
