// Builder operations no other test reached (issue 20, point 10): renaming and moving a module, deleting a module
// re-checks completions, editing a question, deleting a quiz; and a tour slot holding seats cannot be cancelled.
import { describe, expect, it } from "vitest";
import { deleteModule, moveModule, updateModule } from "~/courses/builder.server";
import { enrolInCourse, getEnrolment } from "~/courses/enrolment.server";
import { deleteQuiz, updateQuestion } from "~/courses/lesson-builder.server";
import { completeLesson } from "~/courses/progress.server";
import { db } from "~/lib/db.server";
import { cancelSlot } from "~/tours/tours.server";
import { buildCourse } from "../helpers/courses";
import { createTestUser } from "../helpers/factories";
import { NOW } from "../helpers/instants";
import { createTestSlot, createTestTour } from "../helpers/tours";

const modulesOf = (programId: number) =>
  db.selectFrom("course_modules").select(["id", "title_vi", "title_en"]).where("program_id", "=", programId).orderBy("position").execute();

describe("modules", () => {
  it("updateModule renames a module of this course; another course's module is refused and unchanged", async () => {
    const c = await buildCourse({ modules: [[{}]] });
    const other = await buildCourse({ modules: [[{}]] });
    expect(await updateModule(db, c.programId, { moduleId: c.moduleIds[0], titleVi: "Chương mở đầu", titleEn: "Introduction" })).toBe(true);
    expect(await modulesOf(c.programId)).toEqual([{ id: c.moduleIds[0], title_vi: "Chương mở đầu", title_en: "Introduction" }]);
    const before = await modulesOf(other.programId);
    expect(await updateModule(db, c.programId, { moduleId: other.moduleIds[0], titleVi: "Lạc sang" })).toBe(false);
    expect(await modulesOf(other.programId)).toEqual(before);
  });

  it("moveModule swaps a module with its neighbour; the first cannot move up, another course's not at all", async () => {
    const c = await buildCourse({ modules: [[{}], [{}], [{}]] });
    const other = await buildCourse({ modules: [[{}]] });
    const [m1, m2, m3] = c.moduleIds;
    expect(await moveModule(db, c.programId, m3, "up")).toBe(true);
    expect((await modulesOf(c.programId)).map((m) => m.id)).toEqual([m1, m3, m2]);
    expect(await moveModule(db, c.programId, m1, "up")).toBe(false);
    expect(await moveModule(db, c.programId, other.moduleIds[0], "down")).toBe(false);
    expect((await modulesOf(c.programId)).map((m) => m.id)).toEqual([m1, m3, m2]);
  });

  it("deleting the module a learner had not finished completes the course for them (completions are re-checked)", async () => {
    const c = await buildCourse({ modules: [[{}], [{}]] });
    const u = await createTestUser();
    await enrolInCourse(db, { userId: u.id, programId: c.programId, source: "self", now: NOW });
    await completeLesson(db, { userId: u.id, lessonId: c.lessonIds[0][0], now: NOW });
    expect((await getEnrolment(db, { userId: u.id, programId: c.programId }))?.completed_at ?? null).toBeNull();
    expect(await deleteModule(db, { programId: c.programId, moduleId: c.moduleIds[1], now: NOW })).toBe(true);
    expect((await getEnrolment(db, { userId: u.id, programId: c.programId }))?.completed_at).toBe(NOW);
    expect(await db.selectFrom("lessons").select("id").where("id", "=", c.lessonIds[1][0]).execute()).toEqual([]);
  });
});

describe("quizzes", () => {
  it("updateQuestion changes the prompt and options of this lesson's question; another lesson's question is refused", async () => {
    const c = await buildCourse({ modules: [[{ quiz: {} }, { quiz: {} }]] });
    const [lessonA, lessonB] = c.lessonIds[0];
    const q = c.quizzes.get(lessonA)![0].questionId;
    const input = {
      promptVi: "3 + 4 = ?",
      promptEn: "3 + 4 = ?",
      kind: "single" as const,
      options: [
        { labelVi: "6", labelEn: null, correct: false },
        { labelVi: "7", labelEn: null, correct: true },
      ],
    };
    expect(await updateQuestion(db, lessonA, q, input)).toBe(true);
    const row = await db.selectFrom("quiz_questions").select(["prompt_vi", "prompt_en"]).where("id", "=", q).executeTakeFirstOrThrow();
    expect(row).toEqual({ prompt_vi: "3 + 4 = ?", prompt_en: "3 + 4 = ?" });
    const options = await db.selectFrom("quiz_options").select(["label_vi", "is_correct"]).where("question_id", "=", q).orderBy("position").execute();
    expect(options.map((o) => [o.label_vi, Boolean(o.is_correct)])).toEqual([
      ["6", false],
      ["7", true],
    ]);
    const otherQ = c.quizzes.get(lessonB)![0].questionId;
    const before = await db.selectFrom("quiz_questions").select(["prompt_vi"]).where("id", "=", otherQ).executeTakeFirstOrThrow();
    expect(await updateQuestion(db, lessonA, otherQ, input)).toBe(false);
    expect(await db.selectFrom("quiz_questions").select(["prompt_vi"]).where("id", "=", otherQ).executeTakeFirstOrThrow()).toEqual(before);
  });

  it("deleteQuiz removes the lesson's quiz with its questions and options, and only that one", async () => {
    const c = await buildCourse({ modules: [[{ quiz: {} }, { quiz: {} }]] });
    const [lessonA, lessonB] = c.lessonIds[0];
    const questionsA = c.quizzes.get(lessonA)!.map((q) => q.questionId);
    await deleteQuiz(db, lessonA);
    expect(await db.selectFrom("quizzes").select("lesson_id").where("lesson_id", "in", [lessonA, lessonB]).execute()).toEqual([{ lesson_id: lessonB }]);
    expect(await db.selectFrom("quiz_questions").select("id").where("id", "in", questionsA).execute()).toEqual([]);
    expect(await db.selectFrom("quiz_options").select("id").where("question_id", "in", questionsA).execute()).toEqual([]);
  });
});

describe("tour slots", () => {
  it("a slot holding seats cannot be cancelled (it stays open); an empty one can", async () => {
    const tour = await createTestTour();
    const busy = await createTestSlot(tour.id, { capacity: 60, held: 30 });
    const empty = await createTestSlot(tour.id, { capacity: 60 });
    expect(await cancelSlot(db, { programId: tour.id, slotId: busy.id })).toEqual({ ok: false, reason: "slotBusy" });
    expect(await cancelSlot(db, { programId: tour.id, slotId: empty.id })).toMatchObject({ ok: true });
    const rows = await db.selectFrom("tour_slots").select(["id", "status", "held_students"]).where("id", "in", [busy.id, empty.id]).orderBy("id").execute();
    expect(rows).toEqual([
      { id: busy.id, status: "open", held_students: 30 },
      { id: empty.id, status: "cancelled", held_students: 0 },
    ]);
  });
});
