// What a class's teachers see of a member (issue 11): the class's own activities, from the time of joining.
import { describe, expect, it } from "vitest";
import { issueCertificate } from "~/certificates/issue.server";
import { completeLesson } from "~/courses/progress.server";
import { enrolInCourse } from "~/courses/enrolment.server";
import { db } from "~/lib/db.server";
import { loader as certificatesPdfLoader } from "~/routes/classes.$classId.certificates[.pdf]";
import { loader as classPageLoader } from "~/routes/classes.$classId._index";
import { loader as progressLoader } from "~/routes/classes.$classId.progress";
import { loader as csvLoader } from "~/routes/classes.$classId.progress[.]csv";
import { loader as studentLoader } from "~/routes/classes.$classId.students.$studentId";
import { createTestProgram } from "../helpers/certificates";
import { approvedTeacher, classOf } from "../helpers/classes";
import { buildCourse } from "../helpers/courses";
import { createTestUser } from "../helpers/factories";
import { callLoader, makeRequest } from "../helpers/http";
import { createWorkshop, registerStudent } from "../helpers/workshops";

const BEFORE = "2026-03-01T02:00:00.000Z";
const JOINED = "2026-04-01T02:00:00.000Z";
const AFTER = "2026-05-01T02:00:00.000Z";
const p = (id: number) => ({ classId: String(id) });

async function join(classId: number, studentId: number, at = JOINED) {
  await db.insertInto("class_members").values({ class_id: classId, student_id: studentId, joined_via: "code", created_at: at }).execute();
}

describe("a teacher sees a member's course work from joining", () => {
  it("a course the student started on their own counts only lessons done since joining; an earlier completion is not shown", async () => {
    const t = await approvedTeacher(db);
    const cls = await classOf(db, t.id, t.schoolId);
    const s = await createTestUser({ role: "student", fullName: "Vũ Minh Khoa" });
    const course = await buildCourse({ modules: [[{}, {}, {}, {}]] });
    expect((await enrolInCourse(db, { userId: s.id, programId: course.programId, source: "self", now: BEFORE })).ok).toBe(true);
    for (const lessonId of course.lessonIds[0]!.slice(0, 3)) await completeLesson(db, { userId: s.id, lessonId, now: BEFORE });
    await join(cls, s.id);
    await db.insertInto("class_courses").values({ class_id: cls, program_id: course.programId, added_by: t.id, created_at: JOINED }).execute();

    const seen = async () => {
      const res = await callLoader(studentLoader, await makeRequest(`/classes/${cls}/students/${s.id}`, { userId: t.id }), { classId: String(cls), studentId: String(s.id) });
      return res.data.row.cells[0];
    };
    // Nothing since joining: the earlier enrolment and its 75% are the student's own business.
    expect(await seen()).toMatchObject({ kind: "course", percent: 0, enrolled: false, completedAt: null, lastActivityAt: null });
    await completeLesson(db, { userId: s.id, lessonId: course.lessonIds[0]![3]!, now: AFTER });
    const after = await seen();
    expect(after).toMatchObject({ kind: "course", percent: 25, enrolled: true, lastActivityAt: AFTER });
    // The matrix and its CSV say the same.
    const matrix = await callLoader(progressLoader, await makeRequest(`/classes/${cls}/progress`, { userId: t.id }), p(cls));
    expect(matrix.data.rows[0].cells[0]).toEqual(after);
    const csv = await callLoader(csvLoader, await makeRequest(`/classes/${cls}/progress.csv`, { userId: t.id }), p(cls));
    expect(String(csv.data)).toContain("25%");
  });

  it("a session registration made before joining is not shown; one made after is", async () => {
    const t = await approvedTeacher(db);
    const cls = await classOf(db, t.id, t.schoolId);
    const early = await createTestUser({ role: "student" });
    const late = await createTestUser({ role: "student" });
    const w = await createWorkshop();
    expect((await registerStudent(db, { sessionId: w.sessionId, userId: early.id })).ok).toBe(true);
    const registeredAt = (await db.selectFrom("workshop_registrations").select("created_at").where("user_id", "=", early.id).executeTakeFirstOrThrow()).created_at;
    await join(cls, early.id, new Date(Date.parse(registeredAt) + 60_000).toISOString());
    await join(cls, late.id, "2020-01-01T00:00:00.000Z");
    expect((await registerStudent(db, { sessionId: w.sessionId, userId: late.id })).ok).toBe(true);
    await db.insertInto("class_sessions").values({ class_id: cls, session_id: w.sessionId, added_by: t.id, created_at: JOINED }).execute();
    const res = await callLoader(progressLoader, await makeRequest(`/classes/${cls}/progress`, { userId: t.id }), p(cls));
    const state = (id: number) => res.data.rows.find((r: { studentId: number }) => r.studentId === id).cells[0].state;
    expect(state(early.id)).toBe("none");
    expect(state(late.id)).toBe("confirmed");
  });
});

describe("class certificates follow the same rule", () => {
  it("only the class's own programs, only issued since joining: the summary and the PDF agree", async () => {
    const t = await approvedTeacher(db);
    const cls = await classOf(db, t.id, t.schoolId);
    const s = await createTestUser({ role: "student", fullName: "Hồ Thị Chứng Chỉ" });
    const classCourse = await createTestProgram("course", "Khóa của lớp");
    const otherCourse = await createTestProgram("course", "Khóa riêng của em");
    const earlierCourse = await createTestProgram("course", "Khóa đã học trước");
    await db.insertInto("class_courses").values([classCourse, earlierCourse].map((program_id) => ({ class_id: cls, program_id, added_by: t.id, created_at: JOINED }))).execute();
    await join(cls, s.id);
    for (const [programId, now] of [[classCourse, AFTER], [otherCourse, AFTER], [earlierCourse, BEFORE]] as const) {
      expect((await issueCertificate(db, { userId: s.id, programId, kind: "course", now })).ok).toBe(true);
    }
    const page = await callLoader(classPageLoader, await makeRequest(`/classes/${cls}`, { userId: t.id }), p(cls));
    expect(page.data.certificates.map((c: { programId: number }) => c.programId)).toEqual([classCourse]);
    const pdf = (programId: number) =>
      makeRequest(`/classes/${cls}/certificates.pdf?program=${programId}`, { userId: t.id }).then((r) => callLoader(certificatesPdfLoader, r, p(cls)));
    expect((await pdf(classCourse)).status).toBe(200);
    expect((await pdf(otherCourse)).status).toBe(404);
    expect((await pdf(earlierCourse)).status).toBe(404);
  });
});
