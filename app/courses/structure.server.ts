// Reading a course's structure: the course itself, its outline (modules → lessons) and one lesson.
import type { DB } from "~/lib/db.server";

export async function getCourseBySlug(db: DB, slug: string) {
  return db
    .selectFrom("programs as p")
    .innerJoin("courses as c", "c.program_id", "p.id")
    .selectAll("p")
    .select([
      "c.enrolment_mode",
      "c.capacity",
      "c.active_count",
      "c.enrol_opens_at",
      "c.enrol_closes_at",
      "c.prerequisite_program_id",
      "c.estimated_hours",
    ])
    .where("p.slug", "=", slug)
    .where("p.kind", "=", "course")
    .executeTakeFirst();
}

export async function getCourseById(db: DB, programId: number) {
  return db
    .selectFrom("programs as p")
    .innerJoin("courses as c", "c.program_id", "p.id")
    .selectAll("p")
    .select([
      "c.enrolment_mode",
      "c.enrolment_key",
      "c.capacity",
      "c.active_count",
      "c.enrol_opens_at",
      "c.enrol_closes_at",
      "c.prerequisite_program_id",
      "c.estimated_hours",
    ])
    .where("p.id", "=", programId)
    .where("p.kind", "=", "course")
    .executeTakeFirst();
}

export type CourseDetail = NonNullable<Awaited<ReturnType<typeof getCourseById>>>;

export interface OutlineLesson {
  id: number;
  position: number;
  titleVi: string;
  titleEn: string | null;
  estimatedMinutes: number;
  required: boolean;
  hasQuiz: boolean;
}

export interface OutlineModule {
  id: number;
  position: number;
  titleVi: string;
  titleEn: string | null;
  lessons: OutlineLesson[];
}

/** Modules with their lessons, in order, in one query. */
export async function getOutline(db: DB, programId: number): Promise<OutlineModule[]> {
  const rows = await db
    .selectFrom("course_modules as m")
    .leftJoin("lessons as l", "l.module_id", "m.id")
    .leftJoin("quizzes as q", "q.lesson_id", "l.id")
    .select([
      "m.id as module_id",
      "m.position as module_position",
      "m.title_vi as module_title_vi",
      "m.title_en as module_title_en",
      "l.id as lesson_id",
      "l.position as lesson_position",
      "l.title_vi",
      "l.title_en",
      "l.estimated_minutes",
      "l.required",
      "q.id as quiz_id",
    ])
    .where("m.program_id", "=", programId)
    .orderBy("m.position")
    .orderBy("l.position")
    .execute();
  const modules: OutlineModule[] = [];
  for (const r of rows) {
    let m = modules[modules.length - 1];
    if (!m || m.id !== r.module_id) {
      m = { id: r.module_id, position: r.module_position, titleVi: r.module_title_vi, titleEn: r.module_title_en, lessons: [] };
      modules.push(m);
    }
    if (r.lesson_id !== null) {
      m.lessons.push({
        id: r.lesson_id,
        position: r.lesson_position ?? 0,
        titleVi: r.title_vi ?? "",
        titleEn: r.title_en,
        estimatedMinutes: r.estimated_minutes ?? 0,
        required: r.required === 1,
        hasQuiz: r.quiz_id !== null,
      });
    }
  }
  return modules;
}

export function flattenLessons(outline: OutlineModule[]): OutlineLesson[] {
  return outline.flatMap((m) => m.lessons);
}

/** A lesson, only if it belongs to this course. */
export async function getLessonInCourse(db: DB, programId: number, lessonId: number) {
  return db
    .selectFrom("lessons as l")
    .innerJoin("course_modules as m", "m.id", "l.module_id")
    .selectAll("l")
    .select(["m.title_vi as module_title_vi", "m.title_en as module_title_en", "m.program_id"])
    .where("l.id", "=", lessonId)
    .where("m.program_id", "=", programId)
    .executeTakeFirst();
}

export type LessonDetail = NonNullable<Awaited<ReturnType<typeof getLessonInCourse>>>;
