// The courses flow: "complete & next" goes to the next lesson in outline order, the last lesson to the finish page,
// which shows the owner's certificate and a suggested next course; a quiz lesson still needs its quiz.
import { describe, expect, it } from "vitest";
import { enrolInCourse } from "~/courses/enrolment.server";
import { db } from "~/lib/db.server";
import { action as lessonAction, loader as lessonLoader } from "~/routes/learn.$courseSlug.$lessonId";
import { loader as learnLoader } from "~/routes/learn.$courseSlug._index";
import { loader as finishLoader } from "~/routes/learn.$courseSlug.finish";
import { buildCourse, NOW, quizAnswers } from "../helpers/courses";
import { createTestUser } from "../helpers/factories";
import { callAction, callLoader, fieldErrorsOf, makeRequest } from "../helpers/http";

async function enrolled(c: { programId: number }) {
  const u = await createTestUser();
  await enrolInCourse(db, { userId: u.id, programId: c.programId, source: "self", now: NOW });
  return u;
}

async function complete(c: { slug: string }, userId: number, lessonId: number, form: Record<string, string | string[]> = { intent: "complete" }) {
  const id = String(lessonId);
  return callAction(lessonAction, await makeRequest(`/learn/${c.slug}/${id}`, { userId, form }), { courseSlug: c.slug, lessonId: id });
}

const finish = async (slug: string, userId?: number) =>
  callLoader(finishLoader, await makeRequest(`/learn/${slug}/finish`, userId ? { userId } : {}), { courseSlug: slug });

describe("complete & next", () => {
  it("records the completion and redirects to the next lesson in outline order, across modules", async () => {
    const c = await buildCourse({ modules: [[{}, {}], [{}]] });
    const u = await enrolled(c);
    const [[a, b], [d]] = c.lessonIds;
    const first = await complete(c, u.id, a);
    expect(first.location).toBe(`/learn/${c.slug}/${b}?notice=notice.courses.lessonCompleted`);
    const second = await complete(c, u.id, b);
    expect(second.location).toBe(`/learn/${c.slug}/${d}?notice=notice.courses.lessonCompleted`);
    const done = await db.selectFrom("lesson_completions").select("lesson_id").where("user_id", "=", u.id).orderBy("lesson_id").execute();
    expect(done.map((r) => r.lesson_id)).toEqual([a, b]);
    // The lesson page's button says where it leads.
    const page = await callLoader(lessonLoader, await makeRequest(`/learn/${c.slug}/${d}`, { userId: u.id }), { courseSlug: c.slug, lessonId: String(d) });
    expect(page.data.view.next).toBeNull();
  });

  it("the last lesson completes the course and redirects to the finish page, which shows the new certificate and share link", async () => {
    const c = await buildCourse({ modules: [[{}, {}]] });
    const u = await enrolled(c);
    const [a, b] = c.lessonIds[0];
    await complete(c, u.id, a);
    const last = await complete(c, u.id, b);
    expect(last.location).toBe(`/learn/${c.slug}/finish?notice=notice.courses.courseCompleted`);
    const cert = await db.selectFrom("certificates").select(["id", "code"]).where("user_id", "=", u.id).where("program_id", "=", c.programId).executeTakeFirstOrThrow();
    const page = await finish(c.slug, u.id);
    expect(page.status).toBe(200);
    expect(page.data.completedAt).toEqual(expect.any(String));
    expect(page.data.certificate).toMatchObject({ id: cert.id, status: "valid" });
    expect(page.data.certificate.verifyUrl).toMatch(new RegExp(`/verify/${cert.code}$`));
    expect(page.data.continueLessonId).toBeNull();
    // The course home's completion banner links to the certificate itself.
    const home = await callLoader(learnLoader, await makeRequest(`/learn/${c.slug}`, { userId: u.id }), { courseSlug: c.slug });
    expect(home.data.certificateId).toBe(cert.id);
  });

  it("the last lesson with earlier lessons left out leads to the finish page that says what is missing, no certificate", async () => {
    const c = await buildCourse({ modules: [[{}, {}]] });
    const u = await enrolled(c);
    const [a, b] = c.lessonIds[0];
    const last = await complete(c, u.id, b);
    expect(last.location).toBe(`/learn/${c.slug}/finish?notice=notice.courses.lessonCompleted`);
    const page = await finish(c.slug, u.id);
    expect(page.data).toMatchObject({ completedAt: null, certificate: null, continueLessonId: a, progress: { requiredDone: 1, requiredTotal: 2 } });
  });

  it("a quiz lesson still needs its quiz passed: the button is refused and nothing is recorded", async () => {
    const c = await buildCourse({ modules: [[{ quiz: {} }, {}]] });
    const u = await enrolled(c);
    const [quizLesson, next] = c.lessonIds[0];
    const refused = await complete(c, u.id, quizLesson);
    expect(refused.status).toBe(409);
    expect(fieldErrorsOf(refused)).toEqual({ "": ["courses.lesson.refused.quizNotPassed"] });
    expect(await db.selectFrom("lesson_completions").select("lesson_id").where("user_id", "=", u.id).execute()).toEqual([]);
    const passed = await complete(c, u.id, quizLesson, { intent: "quiz", ...quizAnswers(c.quizzes.get(quizLesson)!) });
    expect(passed.data.outcome.passed).toBe(true);
    expect((await complete(c, u.id, quizLesson)).location).toBe(`/learn/${c.slug}/${next}?notice=notice.courses.lessonCompleted`);
  });
});

describe("the finish page", () => {
  it("is the enrolled owner's only: another student gets 404 and no certificate; anonymous users go to login", async () => {
    const c = await buildCourse({ modules: [[{}]] });
    const owner = await enrolled(c);
    await complete(c, owner.id, c.lessonIds[0][0]);
    const other = await createTestUser();
    const refused = await finish(c.slug, other.id);
    expect(refused.status).toBe(404);
    expect(refused.data?.certificate).toBeUndefined();
    expect((await finish(c.slug)).location).toMatch(/^\/login/);
    expect((await finish("khong-ton-tai", owner.id)).status).toBe(404);
    expect((await finish("Bad Slug!", owner.id)).status).toBe(404);
    // Left the course: no longer theirs to see.
    await db.updateTable("enrolments").set({ status: "left" }).where("user_id", "=", owner.id).where("program_id", "=", c.programId).execute();
    expect((await finish(c.slug, owner.id)).status).toBe(404);
  });

  it("suggests a published course the learner is not enrolled in, one sharing a topic first", async () => {
    const topic = `chủ đề ${Date.now()}-${Math.random()}`;
    const c = await buildCourse({ modules: [[{}]] });
    const sibling = await buildCourse({ modules: [[{}]] });
    const draft = await buildCourse({ modules: [[{}]], status: "draft" });
    await db.insertInto("program_topics").values([c, sibling, draft].map((x) => ({ program_id: x.programId, topic }))).execute();
    const u = await enrolled(c);
    const page = await finish(c.slug, u.id);
    expect(page.data.suggestion).toMatchObject({ slug: sibling.slug });
    // Enrolled in the sibling: another course is suggested, never this one, the sibling or the draft.
    await enrolInCourse(db, { userId: u.id, programId: sibling.programId, source: "self", now: NOW });
    const again = await finish(c.slug, u.id);
    expect([c.slug, sibling.slug, draft.slug]).not.toContain(again.data.suggestion?.slug);
  });
});
