import { describe, expect, it } from "vitest";
import { enrolInCourse } from "~/courses/enrolment.server";
import { completeLesson } from "~/courses/progress.server";
import { getOutline } from "~/courses/structure.server";
import { db } from "~/lib/db.server";
import { action as listAction, loader as listLoader } from "~/routes/staff.courses._index";
import { action as builderAction, loader as builderLoader } from "~/routes/staff.courses.$id._index";
import { action as lessonEditorAction, loader as lessonEditorLoader } from "~/routes/staff.courses.$id.lessons.$lessonId";
import { loader as previewLoader } from "~/routes/staff.courses.$id.preview.$lessonId";
import { loader as reportLoader } from "~/routes/staff.courses.$id.report._index";
import { loader as csvLoader } from "~/routes/staff.courses.$id.report.csv";
import { createTestUser } from "../helpers/factories";
import { buildCourse, NOW } from "../helpers/courses";
import { callAction, callLoader, fieldErrorsOf, makeRequest } from "../helpers/http";

const courseForm = (slug: string) => ({ slug, titleVi: "Robot cơ bản", titleEn: "Robot basics", enrolmentMode: "open", topics: "robot, stem" });

describe("staff-only course builder", () => {
  it("refuses students, teachers and coordinators on every builder page and action (403), nothing changes", async () => {
    // The first lesson has a quiz, so that "deleteQuiz" is refused for who asks, not for want of a quiz.
    const c = await buildCourse({ modules: [[{ quiz: {} }, {}]] });
    const lessonId = String(c.lessonIds[0][0]);
    for (const role of ["student", "teacher", "coordinator"] as const) {
      const u = await createTestUser({ role });
      const get = async (loader: Parameters<typeof callLoader>[0], path: string, params: Record<string, string>) =>
        (await callLoader(loader, await makeRequest(path, { userId: u.id }), params)).status;
      expect(await get(listLoader, "/staff/courses", {})).toBe(403);
      expect(await get(builderLoader, `/staff/courses/${c.programId}`, { id: String(c.programId) })).toBe(403);
      expect(await get(lessonEditorLoader, "/x", { id: String(c.programId), lessonId })).toBe(403);
      expect(await get(previewLoader, "/x", { id: String(c.programId), lessonId })).toBe(403);
      expect(await get(reportLoader, "/x", { id: String(c.programId) })).toBe(403);
      expect(await get(csvLoader, "/x", { id: String(c.programId) })).toBe(403);
      const post = async (action: Parameters<typeof callAction>[0], form: Record<string, string>, params: Record<string, string>) =>
        (await callAction(action, await makeRequest("/x", { userId: u.id, form }), params)).status;
      expect(await post(listAction, courseForm(`hack-${role}`), {})).toBe(403);
      expect(await post(builderAction, { intent: "moveLesson", lessonId: String(c.lessonIds[0][1]), direction: "up" }, { id: String(c.programId) })).toBe(403);
      expect(await post(builderAction, { intent: "status", status: "archived" }, { id: String(c.programId) })).toBe(403);
      expect(await post(lessonEditorAction, { intent: "deleteQuiz" }, { id: String(c.programId), lessonId })).toBe(403);
    }
    expect((await getOutline(db, c.programId, "vi"))[0].lessons.map((l) => l.id)).toEqual(c.lessonIds[0]);
    expect(await db.selectFrom("programs").select("id").where("slug", "like", "hack-%").execute()).toEqual([]);
    expect(await db.selectFrom("programs").select("status").where("id", "=", c.programId).executeTakeFirstOrThrow()).toEqual({ status: "published" });
    expect(await db.selectFrom("quizzes").select("lesson_id").where("lesson_id", "=", c.lessonIds[0][0]).execute()).toEqual([{ lesson_id: c.lessonIds[0][0] }]);
    const anon = await callLoader(listLoader, await makeRequest("/staff/courses"));
    expect(anon.location).toMatch(/^\/login/);
  });

  it("staff create a course, build modules and lessons, reorder, publish; bad input is 400, unknown ids 404", async () => {
    const staff = await createTestUser({ role: "staff" });
    const created = await callAction(listAction, await makeRequest("/staff/courses", { userId: staff.id, form: courseForm("robot-co-ban") }));
    expect(created.location).toMatch(/^\/staff\/courses\/\d+\?notice=notice\.courses\.created$/);
    const id = created.location!.match(/\/(\d+)\?/)![1];
    const taken = await callAction(listAction, await makeRequest("/staff/courses", { userId: staff.id, form: courseForm("robot-co-ban") }));
    expect(fieldErrorsOf(taken)).toEqual({ slug: ["courses.errors.slugTaken"] });
    const invalid = await callAction(listAction, await makeRequest("/staff/courses", { userId: staff.id, form: { slug: "Có dấu!", titleVi: "", enrolmentMode: "key", capacity: "-3" } }));
    expect(invalid.status).toBe(400);
    expect(Object.keys(fieldErrorsOf(invalid)).sort()).toEqual(["capacity", "slug", "titleVi"]);
    const noKey = await callAction(listAction, await makeRequest("/staff/courses", { userId: staff.id, form: { ...courseForm("co-ma"), enrolmentMode: "key" } }));
    expect(fieldErrorsOf(noKey)).toEqual({ enrolmentKey: ["courses.errors.keyNeeded"] });

    const post = async (form: Record<string, string>) => callAction(builderAction, await makeRequest(`/staff/courses/${id}`, { userId: staff.id, form }), { id });
    expect((await post({ intent: "addModule", titleVi: "Chương 1" })).status).toBe(302);
    const [mod] = await getOutline(db, Number(id), "vi");
    for (const title of ["Bài A", "Bài B", "Bài C"]) expect((await post({ intent: "addLesson", moduleId: String(mod.id), titleVi: title })).status).toBe(302);
    let lessons = (await getOutline(db, Number(id), "vi"))[0].lessons;
    expect((await post({ intent: "moveLesson", lessonId: String(lessons[2].id), direction: "up" })).status).toBe(302);
    expect((await getOutline(db, Number(id), "vi"))[0].lessons.map((l) => l.title)).toEqual(["Bài A", "Bài C", "Bài B"]);
    expect((await post({ intent: "moveLesson", lessonId: "abc", direction: "sideways" })).status).toBe(400);
    const other = await buildCourse();
    expect((await post({ intent: "deleteLesson", lessonId: String(other.lessonIds[0][0]) })).status).toBe(404);
    expect((await post({ intent: "addLesson", moduleId: String(other.moduleIds[0]), titleVi: "Lạc" })).status).toBe(404);
    expect((await post({ intent: "status", status: "published" })).status).toBe(302);
    expect((await db.selectFrom("programs").select("status").where("id", "=", Number(id)).executeTakeFirstOrThrow()).status).toBe("published");
    const settings = await post({ intent: "settings", ...courseForm("robot-co-ban"), titleVi: "Robot cơ bản 2", capacity: "30" });
    expect(settings.status).toBe(302);
    const page = await callLoader(builderLoader, await makeRequest(`/staff/courses/${id}`, { userId: staff.id }), { id });
    expect(page.data.course).toMatchObject({ titleVi: "Robot cơ bản 2", capacity: 30, topics: "robot, stem" });
    expect((await callLoader(builderLoader, await makeRequest("/staff/courses/x", { userId: staff.id }), { id: "x" })).status).toBe(404);
    expect((await callLoader(builderLoader, await makeRequest("/staff/courses/999999", { userId: staff.id }), { id: "999999" })).status).toBe(404);

    // Lesson editor and quiz editor.
    lessons = (await getOutline(db, Number(id), "vi"))[0].lessons;
    const lp = { id, lessonId: String(lessons[0].id) };
    const edit = async (form: Record<string, string>) => callAction(lessonEditorAction, await makeRequest("/x", { userId: staff.id, form }), lp);
    expect((await edit({ intent: "lesson", titleVi: "Bài A", contentVi: "# Xin chào", estimatedMinutes: "15", required: "on", resources: "Video | https://youtu.be/abc\nTài liệu | https://example.com/a.pdf" })).status).toBe(302);
    expect(fieldErrorsOf(await edit({ intent: "lesson", titleVi: "Bài A", estimatedMinutes: "0", resources: "javascript:alert(1)" }))).toEqual({
      estimatedMinutes: ["validation.min"],
      resources: ["courses.errors.resource"],
    });
    const noQuiz = await edit({ intent: "addQuestion", promptVi: "?", kind: "single", options: "* a\nb" });
    expect(noQuiz.status).toBe(409);
    expect(fieldErrorsOf(noQuiz)).toEqual({ "": ["courses.errors.quizFirst"] });
    expect(await db.selectFrom("quiz_questions").select("id").where("prompt_vi", "=", "?").execute()).toEqual([]);
    expect((await edit({ intent: "quiz", passPercent: "80", maxAttempts: "3" })).status).toBe(302);
    expect((await edit({ intent: "addQuestion", promptVi: "Robot cần gì?", kind: "multiple", options: "* Pin | Battery\n* Động cơ\nBánh kẹo" })).status).toBe(302);
    expect(fieldErrorsOf(await edit({ intent: "addQuestion", promptVi: "?", kind: "single", options: "* a\n* b" }))).toEqual({ options: ["courses.errors.singleOneCorrect"] });
    expect(fieldErrorsOf(await edit({ intent: "addQuestion", promptVi: "?", kind: "single", options: "a\nb" }))).toEqual({ options: ["courses.errors.noCorrect"] });
    expect((await edit({ intent: "deleteQuestion", questionId: "999999" })).status).toBe(404);
    const editor = await callLoader(lessonEditorLoader, await makeRequest("/x", { userId: staff.id }), lp);
    expect(editor.data.quiz.questions[0].optionsText).toBe("* Pin | Battery\n* Động cơ\nBánh kẹo");
    expect(editor.data.lesson.resourcesText).toBe("Video | https://youtu.be/abc\nTài liệu | https://example.com/a.pdf");
    const preview = await callLoader(previewLoader, await makeRequest("/x", { userId: staff.id }), lp);
    expect(preview.status).toBe(200);
    expect(preview.data.view.lesson.html).toContain("<h1>Xin chào</h1>");
    expect(JSON.stringify(preview.data)).not.toMatch(/is_correct/);
  });
});

describe("course report", () => {
  it("lists enrolled learners sortable and paginated, with CSV and the progress distribution", async () => {
    const staff = await createTestUser({ role: "staff" });
    const c = await buildCourse({ modules: [[{}, {}]] });
    const names = ["Trần Thị Ánh", "Lê Đức An", "Nguyễn Văn Bình"];
    const users = [];
    for (const fullName of names) users.push(await createTestUser({ fullName }));
    for (const u of users) await enrolInCourse(db, { userId: u.id, programId: c.programId, source: "self", now: NOW });
    await completeLesson(db, { userId: users[0].id, lessonId: c.lessonIds[0][0], now: NOW });
    await completeLesson(db, { userId: users[2].id, lessonId: c.lessonIds[0][0], now: NOW });
    await completeLesson(db, { userId: users[2].id, lessonId: c.lessonIds[0][1], now: NOW });
    const params = { id: String(c.programId) };
    const byName = await callLoader(reportLoader, await makeRequest(`/x`, { userId: staff.id }), params);
    expect(byName.data.rows.map((r: { fullName: string }) => r.fullName)).toEqual(["Lê Đức An", "Trần Thị Ánh", "Nguyễn Văn Bình"]);
    expect(byName.data.distribution).toEqual([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]);
    const byProgress = await callLoader(reportLoader, await makeRequest(`/x?sort=progress&dir=desc`, { userId: staff.id }), params);
    expect(byProgress.data.rows.map((r: { percent: number }) => r.percent)).toEqual([100, 50, 0]);
    const junk = await callLoader(reportLoader, await makeRequest(`/x?sort=evil&page=-1`, { userId: staff.id }), params);
    expect(junk.status).toBe(200);
    const csv = await callLoader(csvLoader, await makeRequest(`/x?sort=progress&dir=desc`, { userId: staff.id }), params);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const lines = String(csv.data).replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines).toHaveLength(4);
    expect(lines[0]).toContain("Học viên");
    expect(lines[1]).toContain("Nguyễn Văn Bình");
    expect(lines[1]).toContain("2/2");
  });
});
