// Quizzes for learners: the questions without their answers, server-side grading, attempts with a limit that a
// double submit cannot overrun (attempt numbers are unique per learner and quiz, taken in one INSERT … SELECT).
import { sql } from "kysely";
import type { QuestionKind } from "#db/schema";
import type { Locale } from "~/i18n";
import { localized } from "~/i18n/localized";
import { inTransaction, type DB } from "~/lib/db.server";
import { forUpdate } from "~/lib/dialect.server";
import { ok, refuse, type Result } from "~/lib/result";
import { completeLesson, type CourseProgress } from "./progress.server";
import { answerProblems, chosenOptions, type AnswerableQuestion } from "./schemas";

/** A question as the learner sees it, in the reader's language, without its answers. */
export interface LearnerQuestion {
  id: number;
  kind: QuestionKind;
  prompt: string;
  options: { id: number; label: string }[];
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
export async function getQuizForLearner(db: DB, input: { lessonId: number; userId: number | null; locale: Locale }): Promise<LearnerQuiz | null> {
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
      prompt: localized(q, "prompt", input.locale),
      options: q.options.map((o) => ({ id: o.id, label: localized(o, "label", input.locale) })),
    })),
  };
}

/** The questions of the lesson's quiz with their option ids, to check a submission against (no answers). */
export async function getQuizForAnswering(db: DB, lessonId: number): Promise<AnswerableQuestion[]> {
  const quiz = await db.selectFrom("quizzes").select("id").where("lesson_id", "=", lessonId).executeTakeFirst();
  if (!quiz) return [];
  return (await loadQuestions(db, quiz.id)).map((q) => ({ id: q.id, kind: q.kind, options: q.options.map((o) => ({ id: o.id })) }));
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

export type QuizRefusal = "noQuiz" | "notEnrolled" | "noAttemptsLeft" | "answersOutdated";

export interface QuizGraded {
  attemptNumber: number;
  scorePercent: number;
  passed: boolean;
  perQuestion: Record<number, boolean>;
  progress: CourseProgress | null;
  courseCompletedNow: boolean;
}

/**
 * Grades an attempt and records it. The answers are checked again against the quiz as it is inside the
 * transaction: answers that no longer fit it (staff changed the quiz meanwhile) are refused, nothing recorded.
 */
export async function submitQuizAttempt(
  db: DB,
  input: { userId: number; lessonId: number; answers: Record<string, string[]>; now: string },
): Promise<Result<QuizGraded, QuizRefusal>> {
  const now = input.now;
  return inTransaction(db, async (trx): Promise<Result<QuizGraded, QuizRefusal>> => {
    const quiz = await trx
      .selectFrom("quizzes as q")
      .innerJoin("lessons as l", "l.id", "q.lesson_id")
      .innerJoin("course_modules as m", "m.id", "l.module_id")
      .select(["q.id", "q.pass_percent", "q.max_attempts", "m.program_id"])
      .where("q.lesson_id", "=", input.lessonId)
      .executeTakeFirst();
    if (!quiz) return refuse("noQuiz");
    // The learner's enrolment row is locked until the attempt is recorded: on PostgreSQL two racing submissions
    // then number their attempts one after the other (SQLite serialises write transactions anyway).
    const enrolled = await forUpdate(
      trx,
      trx
        .selectFrom("enrolments")
        .select("id")
        .where("program_id", "=", quiz.program_id)
        .where("user_id", "=", input.userId)
        .where("status", "=", "active"),
    ).executeTakeFirst();
    if (!enrolled) return refuse("notEnrolled");
    const questions = await loadQuestions(trx, quiz.id);
    if (!questions.length) return refuse("noQuiz");
    if (answerProblems(questions, input.answers).length) return refuse("answersOutdated");
    const answers = chosenOptions(questions, input.answers);
    const grade = gradeQuiz(questions, answers);
    const passed = grade.scorePercent >= quiz.pass_percent;
    const answersJson = JSON.stringify(Object.fromEntries(answers));
    // The limit and the next number are decided by the INSERT itself, not by an earlier count.
    const inserted = await sql<{ attempt_number: number }>`
      insert into quiz_attempts (user_id, quiz_id, attempt_number, score_percent, passed, answers, created_at)
      select ${input.userId}, ${quiz.id}, n + 1, ${grade.scorePercent}, ${passed ? 1 : 0}, ${answersJson}, ${now}
      from (select coalesce(max(attempt_number), 0) as n from quiz_attempts where user_id = ${input.userId} and quiz_id = ${quiz.id}) as previous
      ${quiz.max_attempts === null ? sql`` : sql`where n < ${quiz.max_attempts}`}
      returning attempt_number`.execute(trx);
    const attempt = inserted.rows[0];
    if (!attempt) return refuse("noAttemptsLeft");
    await trx.updateTable("enrolments").set({ last_activity_at: now }).where("id", "=", enrolled.id).execute();
    let progress: CourseProgress | null = null;
    let courseCompletedNow = false;
    if (passed) {
      const done = await completeLesson(trx, { userId: input.userId, lessonId: input.lessonId, now });
      if (done.ok) {
        progress = done.value.progress;
        courseCompletedNow = done.value.courseCompletedNow;
      }
    }
    return ok({ attemptNumber: attempt.attempt_number, scorePercent: grade.scorePercent, passed, perQuestion: grade.perQuestion, progress, courseCompletedNow });
  });
}
