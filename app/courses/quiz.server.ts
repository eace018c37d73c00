// Quizzes for learners: the questions without their answers, server-side grading, attempts with a limit that a
// double submit cannot overrun (attempt numbers are unique per learner and quiz, taken in one INSERT … SELECT).
import { sql } from "kysely";
import type { QuestionKind } from "#db/schema";
import type { DB } from "~/lib/db.server";
import { inTransaction } from "~/lib/db.server";
import { nowIso } from "~/lib/time";
import { completeLesson, type CourseProgress } from "./progress.server";

export interface LearnerQuestion {
  id: number;
  kind: QuestionKind;
  promptVi: string;
  promptEn: string | null;
  options: { id: number; labelVi: string; labelEn: string | null }[];
}

export interface LearnerQuiz {
  id: number;
  passPercent: number;
  maxAttempts: number | null;
  attemptsUsed: number;
  bestScore: number | null;
  passed: boolean;
  questions: LearnerQuestion[];
}

interface GradingQuestion {
  id: number;
  kind: QuestionKind;
  options: { id: number; is_correct: number }[];
}

/** Questions with options in order; `withAnswers` only for grading on the server. */
async function loadQuestions(db: DB, quizId: number) {
  const questions = await db.selectFrom("quiz_questions").selectAll().where("quiz_id", "=", quizId).orderBy("position").execute();
  const options = questions.length
    ? await db
        .selectFrom("quiz_options")
        .selectAll()
        .where(
          "question_id",
          "in",
          questions.map((q) => q.id),
        )
        .orderBy("question_id")
        .orderBy("position")
        .execute()
    : [];
  return questions.map((q) => ({ ...q, options: options.filter((o) => o.question_id === q.id) }));
}

/** What the lesson page sends to the browser: never `is_correct`. Null when the lesson has no quiz with questions. */
export async function getQuizForLearner(db: DB, input: { lessonId: number; userId: number | null }): Promise<LearnerQuiz | null> {
  const quiz = await db.selectFrom("quizzes").selectAll().where("lesson_id", "=", input.lessonId).executeTakeFirst();
  if (!quiz) return null;
  const questions = await loadQuestions(db, quiz.id);
  if (!questions.length) return null;
  const summary = input.userId
    ? await db
        .selectFrom("quiz_attempts")
        .select([sql<number>`count(id)`.as("used"), sql<number | null>`max(score_percent)`.as("best"), sql<number | null>`max(passed)`.as("passed")])
        .where("quiz_id", "=", quiz.id)
        .where("user_id", "=", input.userId)
        .executeTakeFirstOrThrow()
    : { used: 0, best: null, passed: null };
  return {
    id: quiz.id,
    passPercent: quiz.pass_percent,
    maxAttempts: quiz.max_attempts,
    attemptsUsed: Number(summary.used),
    bestScore: summary.best === null ? null : Number(summary.best),
    passed: Number(summary.passed ?? 0) === 1,
    questions: questions.map((q) => ({
      id: q.id,
      kind: q.kind,
      promptVi: q.prompt_vi,
      promptEn: q.prompt_en,
      options: q.options.map((o) => ({ id: o.id, labelVi: o.label_vi, labelEn: o.label_en })),
    })),
  };
}

export type AnswerCheck =
  | { ok: true; answers: Map<number, number[]> }
  | { ok: false; fieldErrors: Record<string, string[]>; formErrors: string[] };

/**
 * Checks submitted answers (`q<questionId>` → option ids as typed) against the quiz: every question answered,
 * options only of that question, no duplicates, one option for single-choice questions.
 */
export function checkAnswers(questions: GradingQuestion[], raw: Record<string, string[]>): AnswerCheck {
  const fieldErrors: Record<string, string[]> = {};
  const formErrors: string[] = [];
  const answers = new Map<number, number[]>();
  const known = new Set(questions.map((q) => `q${q.id}`));
  if (Object.keys(raw).some((k) => !known.has(k))) formErrors.push("courses.quiz.errors.unknownQuestion");
  if (Object.values(raw).every((v) => v.length === 0)) formErrors.push("courses.quiz.errors.empty");
  for (const q of questions) {
    const name = `q${q.id}`;
    const values = raw[name] ?? [];
    const ids = values.map((v) => (/^\d{1,12}$/.test(v) ? Number(v) : NaN));
    const own = new Set(q.options.map((o) => o.id));
    if (values.length === 0) fieldErrors[name] = ["courses.quiz.errors.unanswered"];
    else if (ids.some((id) => !own.has(id))) fieldErrors[name] = ["courses.quiz.errors.foreignOption"];
    else if (new Set(ids).size !== ids.length) fieldErrors[name] = ["courses.quiz.errors.duplicate"];
    else if (q.kind === "single" && ids.length > 1) fieldErrors[name] = ["courses.quiz.errors.oneOnly"];
    else answers.set(q.id, ids);
  }
  if (formErrors.length || Object.keys(fieldErrors).length) return { ok: false, fieldErrors, formErrors };
  return { ok: true, answers };
}

/** A question is right only when the chosen set equals the correct set; score = right questions / questions. */
export function gradeQuiz(questions: GradingQuestion[], answers: Map<number, number[]>) {
  const perQuestion: Record<number, boolean> = {};
  let right = 0;
  for (const q of questions) {
    const correct = new Set(q.options.filter((o) => o.is_correct === 1).map((o) => o.id));
    const chosen = new Set(answers.get(q.id) ?? []);
    const ok = chosen.size === correct.size && [...chosen].every((id) => correct.has(id));
    perQuestion[q.id] = ok;
    if (ok) right += 1;
  }
  const scorePercent = questions.length ? Math.floor((right * 100) / questions.length) : 0;
  return { right, total: questions.length, scorePercent, perQuestion };
}

export type QuizSubmitResult =
  | {
      ok: true;
      attemptNumber: number;
      scorePercent: number;
      passed: boolean;
      perQuestion: Record<number, boolean>;
      progress: CourseProgress | null;
      courseCompletedNow: boolean;
    }
  | { ok: false; reason: "noQuiz" | "notEnrolled" | "noAttemptsLeft" }
  | { ok: false; reason: "badAnswers"; fieldErrors: Record<string, string[]>; formErrors: string[] };

export async function submitQuizAttempt(
  db: DB,
  input: { userId: number; lessonId: number; answers: Record<string, string[]>; now?: string },
): Promise<QuizSubmitResult> {
  const now = input.now ?? nowIso();
  return inTransaction(db, async (trx) => {
    const quiz = await trx
      .selectFrom("quizzes as q")
      .innerJoin("lessons as l", "l.id", "q.lesson_id")
      .innerJoin("course_modules as m", "m.id", "l.module_id")
      .select(["q.id", "q.pass_percent", "q.max_attempts", "m.program_id"])
      .where("q.lesson_id", "=", input.lessonId)
      .executeTakeFirst();
    if (!quiz) return { ok: false, reason: "noQuiz" };
    const enrolled = await trx
      .selectFrom("enrolments")
      .select("id")
      .where("program_id", "=", quiz.program_id)
      .where("user_id", "=", input.userId)
      .where("status", "=", "active")
      .executeTakeFirst();
    if (!enrolled) return { ok: false, reason: "notEnrolled" };
    const questions = await loadQuestions(trx, quiz.id);
    if (!questions.length) return { ok: false, reason: "noQuiz" };
    const checked = checkAnswers(questions, input.answers);
    if (!checked.ok) return { ok: false, reason: "badAnswers", fieldErrors: checked.fieldErrors, formErrors: checked.formErrors };
    const grade = gradeQuiz(questions, checked.answers);
    const passed = grade.scorePercent >= quiz.pass_percent;
    const answersJson = JSON.stringify(Object.fromEntries(checked.answers));
    // The limit and the next number are decided by the INSERT itself, not by an earlier count.
    const inserted = await sql<{ attempt_number: number }>`
      insert into quiz_attempts (user_id, quiz_id, attempt_number, score_percent, passed, answers, created_at)
      select ${input.userId}, ${quiz.id}, n + 1, ${grade.scorePercent}, ${passed ? 1 : 0}, ${answersJson}, ${now}
      from (select coalesce(max(attempt_number), 0) as n from quiz_attempts where user_id = ${input.userId} and quiz_id = ${quiz.id})
      where ${quiz.max_attempts} is null or n < ${quiz.max_attempts}
      returning attempt_number`.execute(trx);
    const attempt = inserted.rows[0];
    if (!attempt) return { ok: false, reason: "noAttemptsLeft" };
    await trx.updateTable("enrolments").set({ last_activity_at: now }).where("id", "=", enrolled.id).execute();
    let progress: CourseProgress | null = null;
    let courseCompletedNow = false;
    if (passed) {
      const done = await completeLesson(trx, { userId: input.userId, lessonId: input.lessonId, now });
      if (done.ok) {
        progress = done.progress;
        courseCompletedNow = done.courseCompletedNow;
      }
    }
    return { ok: true, attemptNumber: attempt.attempt_number, scorePercent: grade.scorePercent, passed, perQuestion: grade.perQuestion, progress, courseCompletedNow };
  });
}
