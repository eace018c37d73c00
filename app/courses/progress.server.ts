// Progress = completed required lessons / required lessons. Completion of a course is recorded once, the moment
// its last required lesson is done (a lesson with a quiz is done only when the quiz is passed), and the
// certificates hook runs inside that same transaction.
import { sql } from "kysely";
import { onCourseCompleted } from "~/certificates/hooks.server";
import type { DB } from "~/lib/db.server";
import { inTransaction } from "~/lib/db.server";
import { ok, refuse, type Result } from "~/lib/result";

export interface CourseProgress {
  requiredTotal: number;
  requiredDone: number;
  /** 0–100, rounded down so 100 means every required lesson is done. */
  percent: number;
}

export function progressOf(requiredTotal: number, requiredDone: number): CourseProgress {
  const done = Math.min(requiredDone, requiredTotal);
  return { requiredTotal, requiredDone: done, percent: requiredTotal ? Math.floor((done * 100) / requiredTotal) : 0 };
}

export async function getProgress(db: DB, input: { userId: number; programId: number }): Promise<CourseProgress> {
  const row = await db
    .selectFrom("lessons as l")
    .innerJoin("course_modules as m", "m.id", "l.module_id")
    .leftJoin("lesson_completions as lc", (j) => j.onRef("lc.lesson_id", "=", "l.id").on("lc.user_id", "=", input.userId))
    .select([sql<number>`count(l.id)`.as("total"), sql<number>`count(lc.lesson_id)`.as("done")])
    .where("m.program_id", "=", input.programId)
    .where("l.required", "=", 1)
    .executeTakeFirstOrThrow();
  return progressOf(Number(row.total), Number(row.done));
}

/** Lesson ids this learner completed in this course (required or optional). */
export async function getCompletedLessonIds(db: DB, input: { userId: number; programId: number }): Promise<number[]> {
  const rows = await db
    .selectFrom("lesson_completions as lc")
    .innerJoin("lessons as l", "l.id", "lc.lesson_id")
    .innerJoin("course_modules as m", "m.id", "l.module_id")
    .select("lc.lesson_id")
    .where("lc.user_id", "=", input.userId)
    .where("m.program_id", "=", input.programId)
    .execute();
  return rows.map((r) => r.lesson_id);
}

export type CompleteLessonRefusal = "notFound" | "notEnrolled" | "quizNotPassed";

export interface LessonCompleted {
  progress: CourseProgress;
  courseCompletedNow: boolean;
  /** When the course was completed (now or earlier), null while it is not. */
  completedAt: string | null;
}

/**
 * The one way a lesson becomes complete (the mark-complete button and a passed quiz both come here).
 * Idempotent: completing again changes nothing but the last activity time.
 */
export async function completeLesson(
  db: DB,
  input: { userId: number; lessonId: number; now: string },
): Promise<Result<LessonCompleted, CompleteLessonRefusal>> {
  const now = input.now;
  return inTransaction(db, async (trx): Promise<Result<LessonCompleted, CompleteLessonRefusal>> => {
    const lesson = await trx
      .selectFrom("lessons as l")
      .innerJoin("course_modules as m", "m.id", "l.module_id")
      .leftJoin("quizzes as q", "q.lesson_id", "l.id")
      .select(["l.id", "m.program_id", "q.id as quiz_id"])
      // A quiz without questions cannot be passed, so it does not hold the lesson back.
      .select((eb) => eb.exists(eb.selectFrom("quiz_questions as qq").select("qq.id").whereRef("qq.quiz_id", "=", "q.id")).as("quiz_has_questions"))
      .where("l.id", "=", input.lessonId)
      .executeTakeFirst();
    if (!lesson) return refuse("notFound");
    const enrolment = await trx
      .selectFrom("enrolments")
      .select(["id", "completed_at"])
      .where("program_id", "=", lesson.program_id)
      .where("user_id", "=", input.userId)
      .where("status", "=", "active")
      .executeTakeFirst();
    if (!enrolment) return refuse("notEnrolled");
    if (lesson.quiz_id !== null && Number(lesson.quiz_has_questions) === 1) {
      const passed = await trx
        .selectFrom("quiz_attempts")
        .select("id")
        .where("quiz_id", "=", lesson.quiz_id)
        .where("user_id", "=", input.userId)
        .where("passed", "=", 1)
        .executeTakeFirst();
      if (!passed) return refuse("quizNotPassed");
    }
    await trx
      .insertInto("lesson_completions")
      .values({ user_id: input.userId, lesson_id: lesson.id, completed_at: now })
      .onConflict((oc) => oc.columns(["user_id", "lesson_id"]).doNothing())
      .execute();
    const progress = await getProgress(trx, { userId: input.userId, programId: lesson.program_id });
    // The report's counter moves in the same transaction as the completion.
    await trx.updateTable("enrolments").set({ last_activity_at: now, required_done: progress.requiredDone }).where("id", "=", enrolment.id).execute();
    let courseCompletedNow = false;
    let completedAt = enrolment.completed_at;
    if (progress.requiredTotal > 0 && progress.requiredDone >= progress.requiredTotal && !completedAt) {
      const r = await trx
        .updateTable("enrolments")
        .set({ completed_at: now })
        .where("id", "=", enrolment.id)
        .where("completed_at", "is", null)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) === 1) {
        courseCompletedNow = true;
        completedAt = now;
        await onCourseCompleted(trx, { userId: input.userId, programId: lesson.program_id, completedAt: now });
      }
    }
    return ok({ progress, courseCompletedNow, completedAt });
  });
}

/**
 * Recounts `enrolments.required_done` (completed required lessons, what the staff report sorts and counts by)
 * for every learner of a course, in one statement: after a lesson is deleted or changes between required and
 * optional. Completing a lesson sets the learner's own count (completeLesson).
 */
export async function recountRequiredDone(db: DB, programId: number): Promise<void> {
  await db
    .updateTable("enrolments as e")
    .set((eb) => ({
      required_done: eb
        .selectFrom("lesson_completions as lc")
        .innerJoin("lessons as l", "l.id", "lc.lesson_id")
        .innerJoin("course_modules as m", "m.id", "l.module_id")
        .select(sql<number>`count(*)`.as("n"))
        .whereRef("m.program_id", "=", "e.program_id")
        .whereRef("lc.user_id", "=", "e.user_id")
        .where("l.required", "=", 1),
    }))
    .where("e.program_id", "=", programId)
    .execute();
}

/**
 * After staff delete a lesson or module or make a lesson optional, learners may now have done every required
 * lesson: record their completion (once, with the certificates hook) as if they had just finished. One query
 * finds them; only those who complete now are written. The report's counters are recounted first.
 */
export async function recheckCourseCompletions(db: DB, input: { programId: number; now: string }): Promise<number[]> {
  const now = input.now;
  return inTransaction(db, async (trx) => {
    await recountRequiredDone(trx, input.programId);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the same sub-query under two aliased scopes
    const requiredLessons = (eb: any) =>
      eb
        .selectFrom("lessons as l")
        .innerJoin("course_modules as m", "m.id", "l.module_id")
        .where("m.program_id", "=", input.programId)
        .where("l.required", "=", 1);
    const ready = await trx
      .selectFrom("enrolments as e")
      .select(["e.id", "e.user_id"])
      .where("e.program_id", "=", input.programId)
      .where("e.status", "=", "active")
      .where("e.completed_at", "is", null)
      .where((eb) => eb(requiredLessons(eb).select(sql<number>`count(*)`.as("n")), ">", 0))
      .where((eb) =>
        eb(
          requiredLessons(eb)
            .innerJoin("lesson_completions as lc", "lc.lesson_id", "l.id")
            .whereRef("lc.user_id", "=", "e.user_id")
            .select(sql<number>`count(*)`.as("n")),
          "=",
          requiredLessons(eb).select(sql<number>`count(*)`.as("n")),
        ),
      )
      .execute();
    const completed: number[] = [];
    for (const e of ready) {
      const r = await trx.updateTable("enrolments").set({ completed_at: now }).where("id", "=", e.id).where("completed_at", "is", null).executeTakeFirst();
      if (Number(r.numUpdatedRows) === 1) {
        completed.push(e.user_id);
        await onCourseCompleted(trx, { userId: e.user_id, programId: input.programId, completedAt: now });
      }
    }
    return completed;
  });
}

export interface LearnerProgressRow {
  programId: number;
  userId: number;
  percent: number;
  requiredDone: number;
  requiredTotal: number;
  completedAt: string | null;
  lastActivityAt: string | null;
  enrolled: boolean;
}

/**
 * Progress of many learners in many courses with three queries whatever the numbers (for class matrices and
 * reports): one row per (program, user) pair asked for; `enrolled` is false for no enrolment or one that was left.
 */
export async function getCourseProgressForUsers(db: DB, input: { programIds: number[]; userIds: number[] }): Promise<LearnerProgressRow[]> {
  const programIds = [...new Set(input.programIds)];
  const userIds = [...new Set(input.userIds)];
  if (!programIds.length || !userIds.length) return [];
  const [totals, done, enrolments] = await Promise.all([
    db
      .selectFrom("lessons as l")
      .innerJoin("course_modules as m", "m.id", "l.module_id")
      .select(["m.program_id", sql<number>`count(l.id)`.as("total")])
      .where("m.program_id", "in", programIds)
      .where("l.required", "=", 1)
      .groupBy("m.program_id")
      .execute(),
    db
      .selectFrom("lesson_completions as lc")
      .innerJoin("lessons as l", "l.id", "lc.lesson_id")
      .innerJoin("course_modules as m", "m.id", "l.module_id")
      .select(["m.program_id", "lc.user_id", sql<number>`count(lc.lesson_id)`.as("done")])
      .where("m.program_id", "in", programIds)
      .where("lc.user_id", "in", userIds)
      .where("l.required", "=", 1)
      .groupBy(["m.program_id", "lc.user_id"])
      .execute(),
    db
      .selectFrom("enrolments")
      .select(["program_id", "user_id", "status", "completed_at", "last_activity_at"])
      .where("program_id", "in", programIds)
      .where("user_id", "in", userIds)
      .execute(),
  ]);
  const totalOf = new Map(totals.map((t) => [t.program_id, Number(t.total)]));
  const doneOf = new Map(done.map((d) => [`${d.program_id}:${d.user_id}`, Number(d.done)]));
  const enrolmentOf = new Map(enrolments.map((e) => [`${e.program_id}:${e.user_id}`, e]));
  const rows: LearnerProgressRow[] = [];
  for (const programId of programIds) {
    for (const userId of userIds) {
      const key = `${programId}:${userId}`;
      const p = progressOf(totalOf.get(programId) ?? 0, doneOf.get(key) ?? 0);
      const e = enrolmentOf.get(key);
      rows.push({
        programId,
        userId,
        percent: p.percent,
        requiredDone: p.requiredDone,
        requiredTotal: p.requiredTotal,
        completedAt: e?.completed_at ?? null,
        lastActivityAt: e?.last_activity_at ?? null,
        enrolled: e?.status === "active",
      });
    }
  }
  return rows;
}
