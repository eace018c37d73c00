import { describe, expect, it } from "vitest";
import { enrolInCourse } from "~/courses/enrolment.server";
import { completeLesson } from "~/courses/progress.server";
import { loadCoursesDashboard } from "~/courses/dashboard.server";
import { db } from "~/lib/db.server";
import { action as courseAction, loader as courseLoader, meta as courseMeta } from "~/routes/courses.$slug";
import { loader as learnLoader } from "~/routes/learn.$courseSlug._index";
import { action as lessonAction, loader as lessonLoader } from "~/routes/learn.$courseSlug.$lessonId";
import { createTestUser } from "../helpers/factories";
import { buildCourse, quizAnswers } from "../helpers/courses";
import { NOW } from "../helpers/instants";
import { callAction, callLoader, fieldErrorsOf, makeRequest } from "../helpers/http";
import { renderMarkdown } from "~/lib/markdown.server";

describe("the course page and enrolment", () => {
  it("shows a published course to anyone, 404 for unknown, malformed or draft slugs (except to staff)", async () => {
    const c = await buildCourse();
    const anon = await callLoader(courseLoader, await makeRequest(`/courses/${c.slug}`), { slug: c.slug });
    expect(anon.status).toBe(200);
    expect(anon.data.outline).toHaveLength(1);
    expect((await callLoader(courseLoader, await makeRequest("/courses/khong-co"), { slug: "khong-co" })).status).toBe(404);
    expect((await callLoader(courseLoader, await makeRequest("/courses/%00"), { slug: "Bad Slug!" })).status).toBe(404);
    const draft = await buildCourse({ status: "draft" });
    expect((await callLoader(courseLoader, await makeRequest(`/courses/${draft.slug}`), { slug: draft.slug })).status).toBe(404);
    const staff = await createTestUser({ role: "staff" });
    expect((await callLoader(courseLoader, await makeRequest(`/courses/${draft.slug}`, { userId: staff.id }), { slug: draft.slug })).status).toBe(200);
  });

  it("shows the course, its outline and its lessons in the reader's language (page titles too)", async () => {
    const c = await buildCourse({ modules: [[{ title: "Bài một" }]] });
    const u = await createTestUser();
    await db.updateTable("users").set({ locale: "en" }).where("id", "=", u.id).execute();
    await db.updateTable("lessons").set({ title_en: "Lesson one", content_md_en: "# Hello", content_html_en: renderMarkdown("# Hello") }).where("id", "=", c.lessonIds[0][0]).execute();
    await db.updateTable("course_modules").set({ title_en: "Module one" }).where("id", "=", c.moduleIds[0]).execute();
    const en = await callLoader(courseLoader, await makeRequest(`/courses/${c.slug}`, { userId: u.id }), { slug: c.slug });
    expect(en.data.course.title).toMatch(/^Test course \d+$/);
    expect(en.data.outline[0]).toMatchObject({ title: "Module one", lessons: [{ title: "Lesson one" }] });
    expect(courseMeta({ data: en.data } as Parameters<typeof courseMeta>[0])).toEqual([{ title: `${en.data.course.title} · STEM Hub` }]);
    const vi = await callLoader(courseLoader, await makeRequest(`/courses/${c.slug}`), { slug: c.slug });
    expect(vi.data.course.title).toMatch(/^Khóa học thử \d+$/);
    expect(vi.data.outline[0]).toMatchObject({ title: "Chương 1", lessons: [{ title: "Bài một" }] });
    await enrolInCourse(db, { userId: u.id, programId: c.programId, source: "self", now: NOW });
    const lessonId = String(c.lessonIds[0][0]);
    const lesson = await callLoader(lessonLoader, await makeRequest(`/learn/${c.slug}/${lessonId}`, { userId: u.id }), { courseSlug: c.slug, lessonId });
    expect(lesson.data.view.lesson).toMatchObject({ title: "Lesson one", moduleTitle: "Module one" });
    expect(lesson.data.view.lesson.html).toContain("<h1>Hello</h1>");
    expect(lesson.data.view.course.title).toBe(en.data.course.title);
  });

  it("enrols with one click and redirects to the course; anonymous users go to login; a wrong key is a field error", async () => {
    const c = await buildCourse();
    const u = await createTestUser();
    const anon = await callAction(courseAction, await makeRequest(`/courses/${c.slug}`, { form: { intent: "enrol" } }), { slug: c.slug });
    expect(anon.location).toMatch(/^\/login/);
    const ok = await callAction(courseAction, await makeRequest(`/courses/${c.slug}`, { userId: u.id, form: { intent: "enrol" } }), { slug: c.slug });
    expect(ok.location).toBe(`/learn/${c.slug}?notice=notice.courses.enrolled`);
    const twice = await callAction(courseAction, await makeRequest(`/courses/${c.slug}`, { userId: u.id, form: { intent: "enrol" } }), { slug: c.slug });
    expect(twice.status).toBe(302);
    expect(await db.selectFrom("enrolments").select("id").where("program_id", "=", c.programId).execute()).toHaveLength(1);

    const keyed = await buildCourse({ settings: { enrolmentMode: "key", enrolmentKey: "stem" } });
    const wrong = await callAction(courseAction, await makeRequest(`/courses/${keyed.slug}`, { userId: u.id, form: { intent: "enrol", key: "sai" } }), { slug: keyed.slug });
    expect(wrong.status).toBe(400);
    expect(fieldErrorsOf(wrong)).toEqual({ key: ["courses.enrol.refused.wrongKey"] });
    const classOnly = await buildCourse({ settings: { enrolmentMode: "class_only" } });
    const refused = await callAction(courseAction, await makeRequest(`/courses/${classOnly.slug}`, { userId: u.id, form: { intent: "enrol" } }), { slug: classOnly.slug });
    expect(refused.status).toBe(409);
    expect(fieldErrorsOf(refused)).toEqual({ "": ["courses.enrol.refused.classOnly"] });
    expect(await db.selectFrom("enrolments").select("id").where("program_id", "=", classOnly.programId).execute()).toEqual([]);
    const bad = await callAction(courseAction, await makeRequest(`/courses/${c.slug}`, { userId: u.id, form: { intent: "dance" } }), { slug: c.slug });
    expect(bad.status).toBe(400);
  });

  it("leaving keeps progress, and the course page offers to enrol again", async () => {
    const c = await buildCourse({ modules: [[{}, {}]] });
    const u = await createTestUser();
    await enrolInCourse(db, { userId: u.id, programId: c.programId, source: "self", now: NOW });
    await completeLesson(db, { userId: u.id, lessonId: c.lessonIds[0][0], now: NOW });
    const left = await callAction(courseAction, await makeRequest(`/courses/${c.slug}`, { userId: u.id, form: { intent: "leave" } }), { slug: c.slug });
    expect(left.location).toBe(`/courses/${c.slug}?notice=notice.courses.left`);
    const page = await callLoader(courseLoader, await makeRequest(`/courses/${c.slug}`, { userId: u.id }), { slug: c.slug });
    expect(page.data.enrolment).toEqual({ active: false, completedAt: null });
    await callAction(courseAction, await makeRequest(`/courses/${c.slug}`, { userId: u.id, form: { intent: "enrol" } }), { slug: c.slug });
    const learn = await callLoader(learnLoader, await makeRequest(`/learn/${c.slug}`, { userId: u.id }), { courseSlug: c.slug });
    expect(learn.data.progress.percent).toBe(50);
    expect(learn.data.continueLessonId).toBe(c.lessonIds[0][1]);
  });
});

describe("learner pages", () => {
  it("redirect a learner who is not enrolled to the course page with a notice; 404 for unknown courses and lessons", async () => {
    const c = await buildCourse({ modules: [[{}]] });
    const other = await buildCourse({ modules: [[{}]] });
    const u = await createTestUser();
    const params = { courseSlug: c.slug, lessonId: String(c.lessonIds[0][0]) };
    const notEnrolled = await callLoader(lessonLoader, await makeRequest(`/learn/${c.slug}/${params.lessonId}`, { userId: u.id }), params);
    expect(notEnrolled.location).toBe(`/courses/${c.slug}?notice=notice.courses.enrolFirst`);
    const outline = await callLoader(learnLoader, await makeRequest(`/learn/${c.slug}`, { userId: u.id }), { courseSlug: c.slug });
    expect(outline.location).toBe(`/courses/${c.slug}?notice=notice.courses.enrolFirst`);
    const postNotEnrolled = await callAction(lessonAction, await makeRequest(`/learn/${c.slug}/${params.lessonId}`, { userId: u.id, form: { intent: "complete" } }), params);
    expect(postNotEnrolled.status).toBe(302);
    expect(await db.selectFrom("lesson_completions").select("lesson_id").where("user_id", "=", u.id).execute()).toEqual([]);

    await enrolInCourse(db, { userId: u.id, programId: c.programId, source: "self", now: NOW });
    const req = async (lessonId: string, slug = c.slug) => callLoader(lessonLoader, await makeRequest(`/learn/${slug}/${lessonId}`, { userId: u.id }), { courseSlug: slug, lessonId });
    expect((await req("999999")).status).toBe(404);
    expect((await req("abc")).status).toBe(404);
    expect((await req("-1")).status).toBe(404);
    expect((await req(String(other.lessonIds[0][0]))).status).toBe(404);
    expect((await req(params.lessonId, "khong-ton-tai")).status).toBe(404);
    expect((await req(params.lessonId)).status).toBe(200);
    const anon = await callLoader(lessonLoader, await makeRequest(`/learn/${c.slug}/${params.lessonId}`), params);
    expect(anon.location).toMatch(/^\/login/);
  });

  it("never sends the correct options to the browser before submission", async () => {
    const c = await buildCourse({ modules: [[{ quiz: {} }]] });
    const u = await createTestUser();
    await enrolInCourse(db, { userId: u.id, programId: c.programId, source: "self", now: NOW });
    const lessonId = String(c.lessonIds[0][0]);
    const res = await callLoader(lessonLoader, await makeRequest(`/learn/${c.slug}/${lessonId}`, { userId: u.id }), { courseSlug: c.slug, lessonId });
    expect(res.data.view.quiz.questions).toHaveLength(2);
    const json = JSON.stringify(res.data);
    expect(json).not.toMatch(/is_correct|isCorrect|"correct"/);
    expect(Object.keys(res.data.view.quiz.questions[0].options[0]).sort()).toEqual(["id", "label"]);
  });

  it("marks a lesson complete (twice is harmless) and completes the course; a quiz lesson needs its quiz", async () => {
    const c = await buildCourse({ modules: [[{}, { quiz: { passPercent: 100 } }]] });
    const u = await createTestUser();
    await enrolInCourse(db, { userId: u.id, programId: c.programId, source: "self", now: NOW });
    const [plain, quizLesson] = c.lessonIds[0].map(String);
    const post = async (lessonId: string, form: Record<string, string | string[]>) =>
      callAction(lessonAction, await makeRequest(`/learn/${c.slug}/${lessonId}`, { userId: u.id, form }), { courseSlug: c.slug, lessonId });
    const first = await post(plain, { intent: "complete" });
    expect(first.location).toBe(`/learn/${c.slug}/${quizLesson}?notice=notice.courses.lessonCompleted`);
    expect((await post(plain, { intent: "complete" })).status).toBe(302);
    const refused = await post(quizLesson, { intent: "complete" });
    expect(refused.status).toBe(409);
    expect(fieldErrorsOf(refused)).toEqual({ "": ["courses.lesson.refused.quizNotPassed"] });
    expect(await db.selectFrom("lesson_completions").select("lesson_id").where("user_id", "=", u.id).where("lesson_id", "=", Number(quizLesson)).execute()).toEqual([]);

    const qs = c.quizzes.get(Number(quizLesson))!;
    const [q1, q2] = qs;
    // Bad answers: another question's option, duplicates, empty → 400 with messages, nothing recorded.
    const foreign = await post(quizLesson, { intent: "quiz", [`q${q1.questionId}`]: String(q2.correct[0]), [`q${q2.questionId}`]: q2.correct.map(String) });
    expect(foreign.status).toBe(400);
    expect(fieldErrorsOf(foreign)[`q${q1.questionId}`]).toEqual(["courses.quiz.errors.foreignOption"]);
    const dup = await post(quizLesson, { intent: "quiz", [`q${q1.questionId}`]: String(q1.correct[0]), [`q${q2.questionId}`]: [String(q2.correct[0]), String(q2.correct[0])] });
    expect(fieldErrorsOf(dup)[`q${q2.questionId}`]).toEqual(["courses.quiz.errors.duplicate"]);
    const empty = await post(quizLesson, { intent: "quiz" });
    expect(empty.status).toBe(400);
    expect(await db.selectFrom("quiz_attempts").select("id").where("user_id", "=", u.id).execute()).toEqual([]);

    const failed = await post(quizLesson, { intent: "quiz", ...quizAnswers(qs, false) });
    expect(failed.status).toBe(200);
    expect(failed.data.outcome).toMatchObject({ passed: false, scorePercent: 50 });
    const passed = await post(quizLesson, { intent: "quiz", ...quizAnswers(qs) });
    expect(passed.data).toMatchObject({ outcome: { passed: true, scorePercent: 100 }, courseCompletedNow: true });
    const learn = await callLoader(learnLoader, await makeRequest(`/learn/${c.slug}`, { userId: u.id }), { courseSlug: c.slug });
    expect(learn.data.progress.percent).toBe(100);
    expect(learn.data.completedAt).not.toBeNull();
    const bad = await post(plain, { intent: "fly" });
    expect(bad.status).toBe(400);
  });

  it("shows each student only their own progress on the dashboard", async () => {
    const c = await buildCourse({ modules: [[{}, {}]] });
    const done = await buildCourse({ modules: [[{}]] });
    const a = await createTestUser();
    const b = await createTestUser();
    await enrolInCourse(db, { userId: a.id, programId: c.programId, source: "self", now: NOW });
    await enrolInCourse(db, { userId: a.id, programId: done.programId, source: "self", now: NOW });
    await completeLesson(db, { userId: a.id, lessonId: c.lessonIds[0][0], now: NOW });
    await completeLesson(db, { userId: a.id, lessonId: done.lessonIds[0][0], now: NOW });
    const user = (id: number) => ({ id, role: "student" as const, email: null, username: null, fullName: "x", locale: "vi" as const, grade: null, birthYear: null });
    const mine = await loadCoursesDashboard(db, user(a.id));
    expect(mine?.inProgress.map((x) => [x.programId, x.percent, x.continueLessonId])).toEqual([[c.programId, 50, c.lessonIds[0][1]]]);
    expect(mine?.completed.map((x) => x.programId)).toEqual([done.programId]);
    expect(mine?.inProgress[0].title).toMatch(/^Khóa học thử /);
    expect((await loadCoursesDashboard(db, { ...user(a.id), locale: "en" }))?.inProgress[0].title).toMatch(/^Test course /);
    expect(await loadCoursesDashboard(db, user(b.id))).toEqual({ inProgress: [], completed: [] });
    expect(await loadCoursesDashboard(db, { ...user(b.id), role: "teacher" })).toBeNull();
  });
});
