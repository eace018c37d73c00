import { describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { action as lessonEditorAction } from "~/routes/staff.courses.$id.lessons.$lessonId";
import { buildCourse } from "../helpers/courses";
import { createTestUser } from "../helpers/factories";
import { callAction, makeRequest } from "../helpers/http";

const order = async (lessonId: number) =>
  (
    await db
      .selectFrom("quiz_questions as q")
      .innerJoin("quizzes as z", "z.id", "q.quiz_id")
      .select("q.id")
      .where("z.lesson_id", "=", lessonId)
      .orderBy("q.position")
      .execute()
  ).map((r) => r.id);

describe("staff reorder quiz questions", () => {
  it("moves a question up or down without JavaScript; edges change nothing; others' questions are 404; students 403", async () => {
    const staff = await createTestUser({ role: "staff" });
    const course = await buildCourse({ modules: [[{ quiz: {} }, { quiz: {} }]] });
    const [lesson, otherLesson] = course.lessonIds[0];
    const params = { id: String(course.programId), lessonId: String(lesson) };
    const move = async (userId: number, questionId: number, direction: string) =>
      callAction(lessonEditorAction, await makeRequest("/x", { userId, form: { intent: "moveQuestion", questionId, direction } }), params);
    const [q1, q2] = await order(lesson);

    expect((await move(staff.id, q2, "up")).status).toBe(302);
    expect(await order(lesson)).toEqual([q2, q1]);
    expect((await move(staff.id, q2, "up")).status).toBe(302);
    expect(await order(lesson)).toEqual([q2, q1]);
    expect((await move(staff.id, q2, "down")).status).toBe(302);
    expect(await order(lesson)).toEqual([q1, q2]);

    const foreign = (await order(otherLesson))[1];
    expect((await move(staff.id, foreign, "up")).status).toBe(404);
    expect((await move(staff.id, q2, "sideways")).status).toBe(400);
    const student = await createTestUser({ role: "student" });
    expect((await move(student.id, q2, "up")).status).toBe(403);
    expect(await order(lesson)).toEqual([q1, q2]);
  });
});
