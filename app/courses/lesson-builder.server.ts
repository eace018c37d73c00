// Staff edit one lesson and its quiz. Every change is scoped to the lesson of the course in the URL.
import type { QuestionKind } from "#db/schema";
import type { DB } from "~/lib/db.server";
import { inTransaction } from "~/lib/db.server";
import { storedHtml } from "~/lib/markdown.server";
import { ok, refuse, type Result } from "~/lib/result";
import { swapWithNeighbour } from "./builder.server";
import { recheckCourseCompletions, recountRequiredDone } from "./progress.server";

export interface LessonInput {
  titleVi: string;
  titleEn?: string;
  contentVi?: string;
  contentEn?: string;
  estimatedMinutes: number;
  required?: boolean;
  resources: { label: string; url: string }[];
}

export async function updateLesson(db: DB, lessonId: number, input: LessonInput & { now: string }) {
  const html = storedHtml(input.contentVi, input.contentEn || null); // rendered before the transaction
  await inTransaction(db, async (trx) => {
    const before = await trx
      .selectFrom("lessons as l")
      .innerJoin("course_modules as m", "m.id", "l.module_id")
      .select(["l.required", "m.program_id"])
      .where("l.id", "=", lessonId)
      .executeTakeFirst();
    await trx
      .updateTable("lessons")
      .set({
        title_vi: input.titleVi,
        title_en: input.titleEn || null,
        content_md_vi: input.contentVi ?? "",
        content_md_en: input.contentEn || null,
        content_html_vi: html.vi,
        content_html_en: html.en,
        estimated_minutes: input.estimatedMinutes,
        required: input.required ? 1 : 0,
        resources: JSON.stringify(input.resources),
        updated_at: input.now,
      })
      .where("id", "=", lessonId)
      .execute();
    if (!before || before.required === (input.required ? 1 : 0)) return;
    // Making a lesson optional can leave a learner with every required lesson done (and recounts the report's
    // counters); making it required only changes the counters.
    if (!input.required) await recheckCourseCompletions(trx, { programId: before.program_id, now: input.now });
    else await recountRequiredDone(trx, before.program_id);
  });
}

/** Creates or changes the lesson's quiz settings (one quiz per lesson). */
export async function saveQuizSettings(db: DB, lessonId: number, input: { passPercent: number; maxAttempts?: number }) {
  await db
    .insertInto("quizzes")
    .values({ lesson_id: lessonId, pass_percent: input.passPercent, max_attempts: input.maxAttempts ?? null })
    .onConflict((oc) => oc.column("lesson_id").doUpdateSet({ pass_percent: input.passPercent, max_attempts: input.maxAttempts ?? null }))
    .execute();
}

export async function deleteQuiz(db: DB, lessonId: number) {
  await db.deleteFrom("quizzes").where("lesson_id", "=", lessonId).execute();
}

export interface QuestionInput {
  promptVi: string;
  promptEn?: string;
  kind: QuestionKind;
  options: { labelVi: string; labelEn: string | null; correct: boolean }[];
}

async function replaceOptions(db: DB, questionId: number, options: QuestionInput["options"]) {
  await db.deleteFrom("quiz_options").where("question_id", "=", questionId).execute();
  await db
    .insertInto("quiz_options")
    .values(options.map((o, i) => ({ question_id: questionId, position: i + 1, label_vi: o.labelVi, label_en: o.labelEn, is_correct: o.correct ? 1 : 0 })))
    .execute();
}

export type QuestionRefusal = "quizFirst";

/** Adds a question at the end of the lesson's quiz; the quiz must exist first. */
export async function addQuestion(db: DB, lessonId: number, input: QuestionInput): Promise<Result<number, QuestionRefusal>> {
  return inTransaction(db, async (trx): Promise<Result<number, QuestionRefusal>> => {
    const quiz = await trx.selectFrom("quizzes").select("id").where("lesson_id", "=", lessonId).executeTakeFirst();
    if (!quiz) return refuse("quizFirst");
    const max = await trx.selectFrom("quiz_questions").select((eb) => eb.fn.max<number>("position").as("max")).where("quiz_id", "=", quiz.id).executeTakeFirst();
    const row = await trx
      .insertInto("quiz_questions")
      .values({ quiz_id: quiz.id, position: (max?.max ?? 0) + 1, prompt_vi: input.promptVi, prompt_en: input.promptEn || null, kind: input.kind })
      .returning("id")
      .executeTakeFirstOrThrow();
    await replaceOptions(trx, row.id, input.options);
    return ok(row.id);
  });
}

/** Past attempts keep their scores; only future attempts are graded against the new options. */
export async function updateQuestion(db: DB, lessonId: number, questionId: number, input: QuestionInput): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const r = await trx
      .updateTable("quiz_questions")
      .set({ prompt_vi: input.promptVi, prompt_en: input.promptEn || null, kind: input.kind })
      .where("id", "=", questionId)
      .where("quiz_id", "in", (eb) => eb.selectFrom("quizzes").select("id").where("lesson_id", "=", lessonId))
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) return false;
    await replaceOptions(trx, questionId, input.options);
    return true;
  });
}

export async function deleteQuestion(db: DB, lessonId: number, questionId: number): Promise<boolean> {
  const r = await db
    .deleteFrom("quiz_questions")
    .where("id", "=", questionId)
    .where("quiz_id", "in", (eb) => eb.selectFrom("quizzes").select("id").where("lesson_id", "=", lessonId))
    .executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

/** Moves a question up or down in the lesson's quiz; null when the question is not this lesson's. */
export async function moveQuestion(db: DB, lessonId: number, questionId: number, direction: "up" | "down"): Promise<boolean | null> {
  return inTransaction(db, async (trx) => {
    const me = await trx
      .selectFrom("quiz_questions as q")
      .innerJoin("quizzes as z", "z.id", "q.quiz_id")
      .select(["q.id", "q.position", "q.quiz_id"])
      .where("q.id", "=", questionId)
      .where("z.lesson_id", "=", lessonId)
      .executeTakeFirst();
    return me ? swapWithNeighbour(trx, "quiz_questions", { id: me.id, position: me.position, parentId: me.quiz_id }, direction) : null;
  });
}
