// The courses panel of /dashboard: a student's courses with progress and where to continue. Fixed queries.
import type { SessionUser } from "~/auth/roles";
import { localized } from "~/i18n/localized";
import type { DB } from "~/lib/db.server";
import { continueLessonId } from "./outline";
import { getCourseProgressForUsers } from "./progress.server";

export interface DashboardCourse {
  programId: number;
  slug: string;
  /** In the user's language. */
  title: string;
  percent: number;
  completedAt: string | null;
  lastActivityAt: string | null;
  continueLessonId: number | null;
}

export type CoursesDashboardData = { inProgress: DashboardCourse[]; completed: DashboardCourse[] } | null;

export async function loadCoursesDashboard(db: DB, user: SessionUser): Promise<CoursesDashboardData> {
  if (user.role !== "student") return null;
  const enrolments = await db
    .selectFrom("enrolments as e")
    .innerJoin("programs as p", "p.id", "e.program_id")
    .select(["p.id", "p.slug", "p.title_vi", "p.title_en", "e.completed_at", "e.last_activity_at"])
    .where("e.user_id", "=", user.id)
    .where("e.status", "=", "active")
    .where("p.status", "!=", "archived")
    .orderBy("e.last_activity_at", "desc")
    .execute();
  const programIds = enrolments.map((e) => e.id);
  if (!programIds.length) return { inProgress: [], completed: [] };
  const [progress, lessons, completions] = await Promise.all([
    getCourseProgressForUsers(db, { programIds, userIds: [user.id] }),
    db
      .selectFrom("lessons as l")
      .innerJoin("course_modules as m", "m.id", "l.module_id")
      .select(["l.id", "l.required", "m.program_id"])
      .where("m.program_id", "in", programIds)
      .orderBy("m.position")
      .orderBy("l.position")
      .execute(),
    db
      .selectFrom("lesson_completions as lc")
      .innerJoin("lessons as l", "l.id", "lc.lesson_id")
      .innerJoin("course_modules as m", "m.id", "l.module_id")
      .select("lc.lesson_id")
      .where("lc.user_id", "=", user.id)
      .where("m.program_id", "in", programIds)
      .execute(),
  ]);
  const done = new Set(completions.map((c) => c.lesson_id));
  const percentOf = new Map(progress.map((p) => [p.programId, p.percent]));
  const courses = enrolments.map<DashboardCourse>((e) => ({
    programId: e.id,
    slug: e.slug,
    title: localized(e, "title", user.locale),
    percent: percentOf.get(e.id) ?? 0,
    completedAt: e.completed_at,
    lastActivityAt: e.last_activity_at,
    continueLessonId: continueLessonId(
      lessons.filter((l) => l.program_id === e.id).map((l) => ({ id: l.id, required: l.required === 1 })),
      done,
    ),
  }));
  return { inProgress: courses.filter((c) => !c.completedAt), completed: courses.filter((c) => c.completedAt) };
}
