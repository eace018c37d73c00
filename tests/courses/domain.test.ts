import { beforeEach, describe, expect, it, vi } from "vitest";

const completedHook = vi.hoisted(() => vi.fn(async (_db: unknown, _input: unknown) => {}));
vi.mock("~/certificates/hooks.server", () => ({ onCourseCompleted: completedHook }));

import { addLesson, moveLesson } from "~/courses/builder.server";
import { enrolInCourse, enrolManyInCourse, getEnrolment, keysMatch, leaveCourse } from "~/courses/enrolment.server";
import { updateLesson } from "~/courses/lesson-builder.server";
import { completeLesson, getCourseProgressForUsers, getProgress } from "~/courses/progress.server";
import { gradeQuiz, submitQuizAttempt } from "~/courses/quiz.server";
import { answerProblems } from "~/courses/schemas";
import { getOutline } from "~/courses/structure.server";
import { db } from "~/lib/db.server";
import { createTestUser } from "../helpers/factories";
import { buildCourse, quizAnswers } from "../helpers/courses";
import { NOW } from "../helpers/instants";

beforeEach(() => completedHook.mockClear());

describe("progress arithmetic", () => {
  it("counts required lessons only; optional ones are ticked but do not move the percentage", async () => {
    const c = await buildCourse({ modules: [[{}, {}, { required: false }], [{}]] });
    const u = await createTestUser();
    expect((await enrolInCourse(db, { userId: u.id, programId: c.programId, source: "self", now: NOW })).ok).toBe(true);
    const optional = await completeLesson(db, { userId: u.id, lessonId: c.lessonIds[0][2], now: NOW });
    expect(optional.ok && optional.value.progress).toEqual({ requiredTotal: 3, requiredDone: 0, percent: 0 });
    const one = await completeLesson(db, { userId: u.id, lessonId: c.lessonIds[0][0], now: NOW });
    expect(one.ok && one.value.progress.percent).toBe(33);
    await completeLesson(db, { userId: u.id, lessonId: c.lessonIds[0][1], now: NOW });
    expect((await getProgress(db, { userId: u.id, programId: c.programId })).percent).toBe(66);
  });

  it("completes the course once, at the last required lesson, calling the certificates hook exactly once", async () => {
    const c = await buildCourse({ modules: [[{}, {}]] });
    const u = await createTestUser();
    await enrolInCourse(db, { userId: u.id, programId: c.programId, source: "self", now: NOW });
    const first = await completeLesson(db, { userId: u.id, lessonId: c.lessonIds[0][0], now: "2026-11-20T01:00:00.000Z" });
    expect(first.ok && first.value.courseCompletedNow).toBe(false);
    const last = await completeLesson(db, { userId: u.id, lessonId: c.lessonIds[0][1], now: "2026-11-21T02:00:00.000Z" });
    expect(last.ok && last.value.courseCompletedNow).toBe(true);
    expect(last.ok && last.value.progress.percent).toBe(100);
    const again = await completeLesson(db, { userId: u.id, lessonId: c.lessonIds[0][1], now: "2026-11-22T02:00:00.000Z" });
    expect(again.ok && again.value.courseCompletedNow).toBe(false);
    expect(completedHook).toHaveBeenCalledTimes(1);
    expect(completedHook.mock.calls[0][1]).toEqual({ userId: u.id, programId: c.programId, completedAt: "2026-11-21T02:00:00.000Z" });
    const e = await getEnrolment(db, { userId: u.id, programId: c.programId });
    expect(e?.completed_at).toBe("2026-11-21T02:00:00.000Z");
    expect(e?.last_activity_at).toBe("2026-11-22T02:00:00.000Z");
    const rows = await db.selectFrom("lesson_completions").selectAll().where("user_id", "=", u.id).execute();
    expect(rows).toHaveLength(2);
  });

  it("racing completions of the last lessons complete the course exactly once", async () => {
    const c = await buildCourse({ modules: [[{}, {}, {}]] });
    const u = await createTestUser();
    await enrolInCourse(db, { userId: u.id, programId: c.programId, source: "self", now: NOW });
    const all = c.lessonIds[0].flatMap((lessonId) => [lessonId, lessonId]);
    const results = await Promise.all(all.map((lessonId) => completeLesson(db, { userId: u.id, lessonId, now: NOW })));
    expect(results.filter((r) => r.ok && r.value.courseCompletedNow)).toHaveLength(1);
    expect(completedHook).toHaveBeenCalledTimes(1);
  });

  it("a completed learner stays completed when staff add a required lesson, while the percentage shows it", async () => {
    const c = await buildCourse({ modules: [[{}]] });
    const u = await createTestUser();
    await enrolInCourse(db, { userId: u.id, programId: c.programId, source: "self", now: NOW });
    await completeLesson(db, { userId: u.id, lessonId: c.lessonIds[0][0], now: "2026-11-20T01:00:00.000Z" });
    await addLesson(db, c.programId, { moduleId: c.moduleIds[0], titleVi: "Bài mới", now: NOW });
    expect((await getProgress(db, { userId: u.id, programId: c.programId })).percent).toBe(50);
    expect((await getEnrolment(db, { userId: u.id, programId: c.programId }))?.completed_at).toBe("2026-11-20T01:00:00.000Z");
    const newLesson = (await getOutline(db, c.programId, "vi"))[0].lessons[1].id;
    const r = await completeLesson(db, { userId: u.id, lessonId: newLesson, now: NOW });
    expect(r.ok && r.value.courseCompletedNow).toBe(false);
    expect((await getEnrolment(db, { userId: u.id, programId: c.programId }))?.completed_at).toBe("2026-11-20T01:00:00.000Z");
    expect(completedHook).toHaveBeenCalledTimes(1);
  });

  it("refuses completion when not enrolled, for unknown lessons, and for a quiz lesson before the quiz is passed", async () => {
    const c = await buildCourse({ modules: [[{ quiz: {} }]] });
    const u = await createTestUser();
    expect(await completeLesson(db, { userId: u.id, lessonId: c.lessonIds[0][0], now: NOW })).toEqual({ ok: false, reason: "notEnrolled" });
    expect(await completeLesson(db, { userId: u.id, lessonId: 99999, now: NOW })).toEqual({ ok: false, reason: "notFound" });
    await enrolInCourse(db, { userId: u.id, programId: c.programId, source: "self", now: NOW });
    expect(await completeLesson(db, { userId: u.id, lessonId: c.lessonIds[0][0], now: NOW })).toEqual({ ok: false, reason: "quizNotPassed" });
  });

  it("reorders lessons by swapping positions", async () => {
    const c = await buildCourse({ modules: [[{ title: "A" }, { title: "B" }, { title: "C" }]] });
    expect(await moveLesson(db, c.programId, c.lessonIds[0][2], "up")).toBe(true);
    expect(await moveLesson(db, c.programId, c.lessonIds[0][0], "up")).toBe(false);
    const other = await buildCourse();
    expect(await moveLesson(db, other.programId, c.lessonIds[0][1], "down")).toBe(false);
    expect((await getOutline(db, c.programId, "vi"))[0].lessons.map((l) => l.title)).toEqual(["A", "C", "B"]);
  });
});

describe("quizzes", () => {
  const questions = [
    { id: 1, kind: "single" as const, options: [{ id: 10, is_correct: 1 }, { id: 11, is_correct: 0 }] },
    { id: 2, kind: "multiple" as const, options: [{ id: 20, is_correct: 1 }, { id: 21, is_correct: 0 }, { id: 22, is_correct: 1 }] },
  ];

  it("grades single and multiple choice: a multiple question is right only with exactly the correct set", () => {
    const g = (a: Record<number, number[]>) => gradeQuiz(questions, new Map(Object.entries(a).map(([k, v]) => [Number(k), v])));
    expect(g({ 1: [10], 2: [20, 22] }).scorePercent).toBe(100);
    expect(g({ 1: [10], 2: [20] }).scorePercent).toBe(50);
    expect(g({ 1: [11], 2: [20, 21, 22] }).scorePercent).toBe(0);
  });

  it("rejects foreign options, duplicates, several answers to a single question, unknown questions and empty forms", () => {
    expect(answerProblems(questions, { q1: ["20"], q2: ["20"] })).toEqual([{ field: "q1", key: "courses.quiz.errors.foreignOption" }]);
    expect(answerProblems(questions, { q1: ["10"], q2: ["20", "20"] })).toEqual([{ field: "q2", key: "courses.quiz.errors.duplicate" }]);
    expect(answerProblems(questions, { q1: ["10", "11"], q2: ["20"] })).toEqual([{ field: "q1", key: "courses.quiz.errors.oneOnly" }]);
    expect(answerProblems(questions, { q1: ["10"], q2: ["20"], q9: ["1"] })).toEqual([{ field: null, key: "courses.quiz.errors.unknownQuestion" }]);
    expect(answerProblems(questions, {})).toEqual([
      { field: null, key: "courses.quiz.errors.empty" },
      { field: "q1", key: "courses.quiz.errors.unanswered" },
      { field: "q2", key: "courses.quiz.errors.unanswered" },
    ]);
    expect(answerProblems(questions, { q1: ["abc"], q2: ["20"] })).toEqual([{ field: "q1", key: "courses.quiz.errors.foreignOption" }]);
    expect(answerProblems(questions, { q1: ["10"], q2: ["22", "20"] })).toEqual([]);
  });

  it("applies the pass mark, completes the lesson when passed and enforces the attempts limit", async () => {
    const c = await buildCourse({ modules: [[{ quiz: { passPercent: 100, maxAttempts: 2 } }]] });
    const u = await createTestUser();
    await enrolInCourse(db, { userId: u.id, programId: c.programId, source: "self", now: NOW });
    const qs = c.quizzes.get(c.lessonIds[0][0])!;
    const failed = await submitQuizAttempt(db, { userId: u.id, lessonId: c.lessonIds[0][0], answers: quizAnswers(qs, false), now: NOW });
    expect(failed).toMatchObject({ ok: true, value: { passed: false, scorePercent: 50, attemptNumber: 1, courseCompletedNow: false } });
    expect((await getProgress(db, { userId: u.id, programId: c.programId })).percent).toBe(0);
    const passed = await submitQuizAttempt(db, { userId: u.id, lessonId: c.lessonIds[0][0], answers: quizAnswers(qs), now: NOW });
    expect(passed).toMatchObject({ ok: true, value: { passed: true, scorePercent: 100, attemptNumber: 2, courseCompletedNow: true } });
    expect(completedHook).toHaveBeenCalledTimes(1);
    const third = await submitQuizAttempt(db, { userId: u.id, lessonId: c.lessonIds[0][0], answers: quizAnswers(qs), now: NOW });
    expect(third).toEqual({ ok: false, reason: "noAttemptsLeft" });
    expect(await db.selectFrom("quiz_attempts").select("id").where("user_id", "=", u.id).execute()).toHaveLength(2);
  });

  it("never lets racing submissions overrun the limit", async () => {
    const c = await buildCourse({ modules: [[{ quiz: { maxAttempts: 1 } }]] });
    const u = await createTestUser();
    await enrolInCourse(db, { userId: u.id, programId: c.programId, source: "self", now: NOW });
    const qs = c.quizzes.get(c.lessonIds[0][0])!;
    const results = await Promise.all(
      Array.from({ length: 5 }, () => submitQuizAttempt(db, { userId: u.id, lessonId: c.lessonIds[0][0], answers: quizAnswers(qs, false), now: NOW })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await db.selectFrom("quiz_attempts").select("id").where("user_id", "=", u.id).execute()).toHaveLength(1);
  });

  it("refuses learners who are not enrolled and records nothing", async () => {
    const c = await buildCourse({ modules: [[{ quiz: {} }]] });
    const u = await createTestUser();
    const qs = c.quizzes.get(c.lessonIds[0][0])!;
    expect(await submitQuizAttempt(db, { userId: u.id, lessonId: c.lessonIds[0][0], answers: quizAnswers(qs), now: NOW })).toEqual({ ok: false, reason: "notEnrolled" });
    expect(await db.selectFrom("quiz_attempts").select("id").where("user_id", "=", u.id).execute()).toEqual([]);
  });

  it("refuses answers that no longer fit the quiz (changed since the page was loaded) and records nothing", async () => {
    const c = await buildCourse({ modules: [[{ quiz: {} }]] });
    const u = await createTestUser();
    await enrolInCourse(db, { userId: u.id, programId: c.programId, source: "self", now: NOW });
    const qs = c.quizzes.get(c.lessonIds[0][0])!;
    const stale = { ...quizAnswers(qs), q999999: ["1"] };
    expect(await submitQuizAttempt(db, { userId: u.id, lessonId: c.lessonIds[0][0], answers: stale, now: NOW })).toEqual({ ok: false, reason: "answersOutdated" });
    expect(await db.selectFrom("quiz_attempts").select("id").where("user_id", "=", u.id).execute()).toEqual([]);
  });
});

describe("enrolment rules", () => {
  it("re-enrolling after leaving restores progress and the same row", async () => {
    const c = await buildCourse({ modules: [[{}, {}]] });
    const u = await createTestUser();
    await enrolInCourse(db, { userId: u.id, programId: c.programId, source: "self", now: NOW });
    await completeLesson(db, { userId: u.id, lessonId: c.lessonIds[0][0], now: NOW });
    const before = await getEnrolment(db, { userId: u.id, programId: c.programId });
    expect(await leaveCourse(db, { userId: u.id, programId: c.programId, now: NOW })).toBe(true);
    expect(await leaveCourse(db, { userId: u.id, programId: c.programId, now: NOW })).toBe(false);
    expect(await completeLesson(db, { userId: u.id, lessonId: c.lessonIds[0][1], now: NOW })).toEqual({ ok: false, reason: "notEnrolled" });
    expect(await enrolInCourse(db, { userId: u.id, programId: c.programId, source: "self", now: NOW })).toEqual({ ok: true, value: "reactivated" });
    const after = await getEnrolment(db, { userId: u.id, programId: c.programId });
    expect(after?.id).toBe(before?.id);
    expect((await getProgress(db, { userId: u.id, programId: c.programId })).percent).toBe(50);
    expect(await enrolInCourse(db, { userId: u.id, programId: c.programId, source: "self", now: NOW })).toEqual({ ok: true, value: "already" });
  });

  it("requires the prerequisite course to be completed", async () => {
    const pre = await buildCourse({ modules: [[{}]] });
    const c = await buildCourse({ settings: { prerequisiteProgramId: pre.programId } });
    const u = await createTestUser();
    expect(await enrolInCourse(db, { userId: u.id, programId: c.programId, source: "self", now: NOW })).toEqual({ ok: false, reason: "prerequisite" });
    await enrolInCourse(db, { userId: u.id, programId: pre.programId, source: "self", now: NOW });
    await completeLesson(db, { userId: u.id, lessonId: pre.lessonIds[0][0], now: NOW });
    expect(await enrolInCourse(db, { userId: u.id, programId: c.programId, source: "self", now: NOW })).toEqual({ ok: true, value: "enrolled" });
  });

  it("class-only courses accept only class enrolment; key courses need the right key", async () => {
    const classOnly = await buildCourse({ settings: { enrolmentMode: "class_only" } });
    const keyed = await buildCourse({ settings: { enrolmentMode: "key", enrolmentKey: "Robot2026" } });
    const u = await createTestUser();
    expect(await enrolInCourse(db, { userId: u.id, programId: classOnly.programId, source: "self", now: NOW })).toEqual({ ok: false, reason: "classOnly" });
    expect(await enrolInCourse(db, { userId: u.id, programId: classOnly.programId, source: "class", now: NOW })).toEqual({ ok: true, value: "enrolled" });
    expect(await enrolInCourse(db, { userId: u.id, programId: keyed.programId, source: "self", now: NOW })).toEqual({ ok: false, reason: "keyRequired" });
    expect(await enrolInCourse(db, { userId: u.id, programId: keyed.programId, source: "self", key: "robot", now: NOW })).toEqual({ ok: false, reason: "wrongKey" });
    expect(await enrolInCourse(db, { userId: u.id, programId: keyed.programId, source: "self", key: " robot2026 ", now: NOW })).toEqual({ ok: true, value: "enrolled" });
    expect((await getEnrolment(db, { userId: u.id, programId: keyed.programId }))?.source).toBe("key");
    expect(keysMatch("abc", "abd")).toBe(false);
  });

  it("respects the enrolment window, drafts and capacity (racing enrolments never oversell)", async () => {
    const c = await buildCourse({ settings: { opensOn: "2026-12-01", closesOn: "2026-12-31", capacity: 3 } });
    const u = await createTestUser();
    expect(await enrolInCourse(db, { userId: u.id, programId: c.programId, source: "self", now: "2026-11-30T10:00:00.000Z" })).toEqual({ ok: false, reason: "notOpenYet" });
    expect(await enrolInCourse(db, { userId: u.id, programId: c.programId, source: "self", now: "2027-01-01T00:00:00.000Z" })).toEqual({ ok: false, reason: "closed" });
    const users = await Promise.all(Array.from({ length: 6 }, () => createTestUser()));
    const results = await Promise.all(users.map((x) => enrolInCourse(db, { userId: x.id, programId: c.programId, source: "self", now: "2026-12-10T00:00:00.000Z" })));
    expect(results.filter((r) => r.ok)).toHaveLength(3);
    expect(results.filter((r) => !r.ok && r.reason === "full")).toHaveLength(3);
    const draft = await buildCourse({ status: "draft" });
    expect(await enrolInCourse(db, { userId: u.id, programId: draft.programId, source: "self", now: NOW })).toEqual({ ok: false, reason: "notPublished" });
  });

  it("enrols a class at once: skips the enrolled, reactivates those who left, all-or-nothing on capacity", async () => {
    const c = await buildCourse({ settings: { enrolmentMode: "class_only", capacity: 4 } });
    const [a, b, d, e, f] = await Promise.all(Array.from({ length: 5 }, () => createTestUser()));
    await enrolInCourse(db, { userId: a.id, programId: c.programId, source: "class", now: NOW });
    await enrolInCourse(db, { userId: b.id, programId: c.programId, source: "class", now: NOW });
    await completeLesson(db, { userId: b.id, lessonId: c.lessonIds[0][0], now: NOW });
    await leaveCourse(db, { userId: b.id, programId: c.programId, now: NOW });
    const r = await enrolManyInCourse(db, { programId: c.programId, userIds: [a.id, b.id, d.id], now: NOW });
    expect(r).toEqual({ ok: true, value: { enrolled: [d.id], reactivated: [b.id], already: [a.id], missingPrerequisite: [] } });
    expect((await getProgress(db, { userId: b.id, programId: c.programId })).requiredDone).toBe(1);
    const full = await enrolManyInCourse(db, { programId: c.programId, userIds: [e.id, f.id], now: NOW });
    expect(full).toEqual({ ok: false, reason: "full", params: { seatsLeft: 1 } });
    expect(await getEnrolment(db, { userId: e.id, programId: c.programId })).toBeNull();
  });

  it("reports progress of many learners in many courses in one batch", async () => {
    const c1 = await buildCourse({ modules: [[{}, {}]] });
    const c2 = await buildCourse({ modules: [[{}, {}, {}, {}]] });
    const [a, b] = await Promise.all([createTestUser(), createTestUser()]);
    await enrolManyInCourse(db, { programId: c1.programId, userIds: [a.id, b.id], now: NOW });
    await enrolInCourse(db, { userId: a.id, programId: c2.programId, source: "self", now: NOW });
    await completeLesson(db, { userId: a.id, lessonId: c1.lessonIds[0][0], now: NOW });
    await completeLesson(db, { userId: a.id, lessonId: c1.lessonIds[0][1], now: NOW });
    await completeLesson(db, { userId: a.id, lessonId: c2.lessonIds[0][0], now: NOW });
    const rows = await getCourseProgressForUsers(db, { programIds: [c1.programId, c2.programId], userIds: [a.id, b.id] });
    const find = (p: number, u: number) => rows.find((r) => r.programId === p && r.userId === u)!;
    expect(find(c1.programId, a.id)).toMatchObject({ percent: 100, enrolled: true });
    expect(find(c1.programId, a.id).completedAt).not.toBeNull();
    expect(find(c2.programId, a.id)).toMatchObject({ percent: 25, enrolled: true, completedAt: null });
    expect(find(c1.programId, b.id)).toMatchObject({ percent: 0, enrolled: true });
    expect(find(c2.programId, b.id)).toMatchObject({ percent: 0, enrolled: false, lastActivityAt: null });
  });
});

describe("lesson editing", () => {
  it("turning a lesson optional changes the required total", async () => {
    const c = await buildCourse({ modules: [[{}, {}]] });
    const u = await createTestUser();
    await enrolInCourse(db, { userId: u.id, programId: c.programId, source: "self", now: NOW });
    await completeLesson(db, { userId: u.id, lessonId: c.lessonIds[0][0], now: NOW });
    await updateLesson(db, c.lessonIds[0][1], { titleVi: "Đọc thêm", estimatedMinutes: 5, required: false, resources: [], now: NOW });
    expect(await getProgress(db, { userId: u.id, programId: c.programId })).toEqual({ requiredTotal: 1, requiredDone: 1, percent: 100 });
  });
});
