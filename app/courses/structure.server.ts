// Reading a course's structure: the course itself, its outline (modules → lessons) and one lesson.
import type { Locale } from "~/i18n";
import { localized } from "~/i18n/localized";
import type { DB } from "~/lib/db.server";

const COURSE_COLUMNS = [
  "c.enrolment_mode",
  "c.enrolment_key",
  "c.capacity",
  "c.active_count",
  "c.enrol_opens_at",
  "c.enrol_closes_at",
  "c.prerequisite_program_id",
  "c.estimated_hours",
] as const;

/** The course's program and settings rows (for the capability's own view builders), or null. */
export async function getCourseBySlug(db: DB, slug: string) {
  const row = await db
    .selectFrom("programs as p")
    .innerJoin("courses as c", "c.program_id", "p.id")
    .selectAll("p")
    .select(COURSE_COLUMNS)
    .where("p.slug", "=", slug)
    .where("p.kind", "=", "course")
    .executeTakeFirst();
  return row ?? null;
}

export async function getCourseById(db: DB, programId: number) {
  const row = await db
    .selectFrom("programs as p")
    .innerJoin("courses as c", "c.program_id", "p.id")
    .selectAll("p")
    .select(COURSE_COLUMNS)
    .where("p.id", "=", programId)
    .where("p.kind", "=", "course")
    .executeTakeFirst();
  return row ?? null;
}

export type CourseRecord = NonNullable<Awaited<ReturnType<typeof getCourseById>>>;

/** What a page about a course shows above its own content. */
export interface CourseHeader {
  id: number;
  slug: string;
  title: string;
}

export function courseHeader(course: Pick<CourseRecord, "id" | "slug" | "title_vi" | "title_en">, locale: Locale): CourseHeader {
  return { id: course.id, slug: course.slug, title: localized(course, "title", locale) };
}

/** The course's id, slug and title in the reader's language; null when there is no such course. */
export async function getCourseHeader(db: DB, programId: number, locale: Locale): Promise<CourseHeader | null> {
  const row = await db
    .selectFrom("programs")
    .select(["id", "slug", "title_vi", "title_en"])
    .where("id", "=", programId)
    .where("kind", "=", "course")
    .executeTakeFirst();
  return row ? courseHeader(row, locale) : null;
}

export interface OutlineLesson {
  id: number;
  position: number;
  title: string;
  estimatedMinutes: number;
  required: boolean;
  hasQuiz: boolean;
}

export interface OutlineModule {
  id: number;
  position: number;
  title: string;
  lessons: OutlineLesson[];
}

/** The outline as staff edit it: the titles in the reader's language and both texts for the rename form. */
export interface EditorModule extends OutlineModule {
  titleVi: string;
  titleEn: string | null;
}

/** Modules with their lessons, in order, in one query. */
async function outlineRows(db: DB, programId: number, locale: Locale): Promise<EditorModule[]> {
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
  const modules: EditorModule[] = [];
  for (const r of rows) {
    let m = modules[modules.length - 1];
    if (!m || m.id !== r.module_id) {
      m = {
        id: r.module_id,
        position: r.module_position,
        title: localized({ title_vi: r.module_title_vi, title_en: r.module_title_en }, "title", locale),
        titleVi: r.module_title_vi,
        titleEn: r.module_title_en,
        lessons: [],
      };
      modules.push(m);
    }
    if (r.lesson_id !== null) {
      m.lessons.push({
        id: r.lesson_id,
        position: r.lesson_position ?? 0,
        title: localized({ title_vi: r.title_vi ?? "", title_en: r.title_en }, "title", locale),
        estimatedMinutes: r.estimated_minutes ?? 0,
        required: r.required === 1,
        hasQuiz: r.quiz_id !== null,
      });
    }
  }
  return modules;
}

/** The outline as learners see it, in the reader's language. */
export async function getOutline(db: DB, programId: number, locale: Locale): Promise<OutlineModule[]> {
  return (await outlineRows(db, programId, locale)).map(({ titleVi: _vi, titleEn: _en, ...m }) => m);
}

export function getEditorOutline(db: DB, programId: number, locale: Locale): Promise<EditorModule[]> {
  return outlineRows(db, programId, locale);
}

export function flattenLessons(outline: OutlineModule[]): OutlineLesson[] {
  return outline.flatMap((m) => m.lessons);
}

/** A lesson, only if it belongs to this course; null otherwise. */
export async function getLessonInCourse(db: DB, programId: number, lessonId: number) {
  const row = await db
    .selectFrom("lessons as l")
    .innerJoin("course_modules as m", "m.id", "l.module_id")
    .selectAll("l")
    .select(["m.title_vi as module_title_vi", "m.title_en as module_title_en", "m.program_id"])
    .where("l.id", "=", lessonId)
    .where("m.program_id", "=", programId)
    .executeTakeFirst();
  return row ?? null;
}

/** The lesson after this one in outline order (across modules); null after the last lesson. */
export async function lessonAfter(db: DB, programId: number, lessonId: number): Promise<number | null> {
  const lessons = flattenLessons(await getOutline(db, programId, "vi"));
  const index = lessons.findIndex((l) => l.id === lessonId);
  return index >= 0 && lessons[index + 1] ? lessons[index + 1].id : null;
}
