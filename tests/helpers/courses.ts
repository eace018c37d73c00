// Builds small courses for tests: modules of lessons (required unless said), optional quizzes.
import { createCourse } from "~/courses/builder.server";
import { addLesson, addModule } from "~/courses/builder.server";
import { addQuestion, saveQuizSettings, updateLesson } from "~/courses/lesson-builder.server";
import type { CourseForm } from "~/courses/schemas";
import { db, type DB } from "~/lib/db.server";
import { NOW } from "./instants";

/** Defined once in ./instants; re-exported for the tests that take it from here. */
export { NOW };

let n = 0;

export interface LessonSpec {
  title?: string;
  required?: boolean;
  quiz?: { passPercent?: number; maxAttempts?: number };
}

export async function buildCourse(
  opts: { modules?: LessonSpec[][]; settings?: Partial<CourseForm>; status?: "draft" | "published" | "archived" } = {},
  database: DB = db,
) {
  n += 1;
  const form: CourseForm = { slug: `khoa-hoc-thu-${n}-${Date.now() % 100000}`, titleVi: `Khóa học thử ${n}`, titleEn: `Test course ${n}`, enrolmentMode: "open", ...opts.settings };
  const r = await createCourse(database, { form, status: opts.status ?? "published", now: NOW });
  if (!r.ok) throw new Error(`buildCourse: ${r.reason}`);
  const programId = r.value;
  const moduleIds: number[] = [];
  const lessonIds: number[][] = [];
  /** For each quiz: question ids and their options (ids with the correct flags) to answer in tests. */
  const quizzes = new Map<number, { questionId: number; kind: "single" | "multiple"; correct: number[]; wrong: number[] }[]>();
  for (const [mi, lessons] of (opts.modules ?? [[{}, {}]]).entries()) {
    const moduleId = await addModule(database, programId, { titleVi: `Chương ${mi + 1}` });
    moduleIds.push(moduleId);
    const ids: number[] = [];
    for (const [li, spec] of lessons.entries()) {
      const lessonId = (await addLesson(database, programId, { moduleId, titleVi: spec.title ?? `Bài ${mi + 1}.${li + 1}`, now: NOW }))!;
      await updateLesson(database, lessonId, {
        titleVi: spec.title ?? `Bài ${mi + 1}.${li + 1}`,
        contentVi: `Nội dung bài ${mi + 1}.${li + 1}`,
        estimatedMinutes: 10,
        required: spec.required ?? true,
        resources: [],
        now: NOW,
      });
      if (spec.quiz) {
        await saveQuizSettings(database, lessonId, { passPercent: spec.quiz.passPercent ?? 70, maxAttempts: spec.quiz.maxAttempts });
        await addQuestion(database, lessonId, {
          promptVi: "2 + 2 = ?",
          kind: "single",
          options: [
            { labelVi: "4", labelEn: null, correct: true },
            { labelVi: "5", labelEn: null, correct: false },
          ],
        });
        await addQuestion(database, lessonId, {
          promptVi: "Số nào là số chẵn?",
          kind: "multiple",
          options: [
            { labelVi: "2", labelEn: null, correct: true },
            { labelVi: "3", labelEn: null, correct: false },
            { labelVi: "8", labelEn: null, correct: true },
          ],
        });
        const rows = await database
          .selectFrom("quiz_questions as q")
          .innerJoin("quizzes as z", "z.id", "q.quiz_id")
          .innerJoin("quiz_options as o", "o.question_id", "q.id")
          .select(["q.id as question_id", "q.kind", "o.id as option_id", "o.is_correct"])
          .where("z.lesson_id", "=", lessonId)
          .orderBy("q.position")
          .orderBy("o.position")
          .execute();
        const qs: { questionId: number; kind: "single" | "multiple"; correct: number[]; wrong: number[] }[] = [];
        for (const row of rows) {
          let q = qs.find((x) => x.questionId === row.question_id);
          if (!q) qs.push((q = { questionId: row.question_id, kind: row.kind, correct: [], wrong: [] }));
          (row.is_correct ? q.correct : q.wrong).push(row.option_id);
        }
        quizzes.set(lessonId, qs);
      }
      ids.push(lessonId);
    }
    lessonIds.push(ids);
  }
  const slug = form.slug;
  return { programId, slug, moduleIds, lessonIds, quizzes };
}

/** Answers as the lesson form sends them: all right, or the first question wrong. */
export function quizAnswers(qs: { questionId: number; correct: number[]; wrong: number[] }[], allRight = true): Record<string, string[]> {
  return Object.fromEntries(
    qs.map((q, i) => [`q${q.questionId}`, (allRight || i > 0 ? q.correct : [q.wrong[0]]).map(String)]),
  );
}
