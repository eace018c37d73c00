// What the staff pages of the course builder show: the list of courses, one course's settings and structure,
// one lesson with its quiz. Titles shown are in the reader's language; form defaults keep both languages.
import type { EnrolmentMode, ProgramStatus, QuestionKind } from "#db/schema";
import type { Locale } from "~/i18n";
import { localized } from "~/i18n/localized";
import type { DB } from "~/lib/db.server";
import { isoToVnLocal } from "~/lib/time";
import { getCourseTopics, getCourseTopicsEn } from "./builder.server";
import { parseResources } from "./resources";
import { courseHeader, getCourseById, getEditorOutline, getLessonInCourse, type CourseHeader, type EditorModule } from "./structure.server";

export interface StaffCourseRow {
  id: number;
  slug: string;
  title: string;
  status: ProgramStatus;
  enrolmentMode: EnrolmentMode;
  activeCount: number;
  capacity: number | null;
}

export async function listCoursesForStaff(db: DB, locale: Locale): Promise<StaffCourseRow[]> {
  const rows = await db
    .selectFrom("programs as p")
    .innerJoin("courses as c", "c.program_id", "p.id")
    .select(["p.id", "p.slug", "p.title_vi", "p.title_en", "p.status", "c.enrolment_mode", "c.active_count", "c.capacity"])
    .where("p.kind", "=", "course")
    .orderBy("p.title_vi")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    title: localized(r, "title", locale),
    status: r.status,
    enrolmentMode: r.enrolment_mode,
    activeCount: r.active_count,
    capacity: r.capacity,
  }));
}

/** The course form's values as stored (dates as Vietnamese calendar days). */
export interface CourseFormDefaults {
  id: number;
  slug: string;
  status: ProgramStatus;
  title: string;
  titleVi: string;
  titleEn: string | null;
  summaryVi: string;
  summaryEn: string | null;
  descriptionVi: string;
  descriptionEn: string | null;
  gradeMin: number | null;
  gradeMax: number | null;
  topics: string;
  topicsEn: string;
  enrolmentMode: EnrolmentMode;
  enrolmentKey: string | null;
  capacity: number | null;
  opensOn: string | null;
  closesOn: string | null;
  prerequisiteProgramId: number | null;
  estimatedHours: number | null;
}

export interface CourseEditorView {
  course: CourseFormDefaults;
  /** The other courses, which may be made this one's prerequisite. */
  prerequisites: { id: number; title: string }[];
  outline: EditorModule[];
}

/** Null when there is no such course. */
export async function loadCourseEditor(db: DB, programId: number, locale: Locale): Promise<CourseEditorView | null> {
  const course = await getCourseById(db, programId);
  if (!course) return null;
  const [outline, topics, topicsEn, all] = await Promise.all([
    getEditorOutline(db, course.id, locale),
    getCourseTopics(db, course.id),
    getCourseTopicsEn(db, course.id),
    listCoursesForStaff(db, locale),
  ]);
  return {
    course: {
      id: course.id,
      slug: course.slug,
      status: course.status,
      title: localized(course, "title", locale),
      titleVi: course.title_vi,
      titleEn: course.title_en,
      summaryVi: course.summary_vi,
      summaryEn: course.summary_en,
      descriptionVi: course.description_vi,
      descriptionEn: course.description_en,
      gradeMin: course.grade_min,
      gradeMax: course.grade_max,
      topics,
      topicsEn,
      enrolmentMode: course.enrolment_mode,
      enrolmentKey: course.enrolment_key,
      capacity: course.capacity,
      opensOn: course.enrol_opens_at ? isoToVnLocal(course.enrol_opens_at).date : null,
      closesOn: course.enrol_closes_at ? isoToVnLocal(course.enrol_closes_at).date : null,
      prerequisiteProgramId: course.prerequisite_program_id,
      estimatedHours: course.estimated_hours,
    },
    prerequisites: all.filter((c) => c.id !== course.id).map((c) => ({ id: c.id, title: c.title })),
    outline,
  };
}

export interface EditorQuestion {
  id: number;
  promptVi: string;
  promptEn: string | null;
  kind: QuestionKind;
  /** The options in the text format the form accepts ("* " marks a correct one), so editing is a round trip. */
  optionsText: string;
}

export interface EditorQuiz {
  id: number;
  passPercent: number;
  maxAttempts: number | null;
  questions: EditorQuestion[];
}

/** The quiz as staff edit it, with the correct flags (staff pages only); null when the lesson has none. */
export async function getQuizForEditor(db: DB, lessonId: number): Promise<EditorQuiz | null> {
  const quiz = await db.selectFrom("quizzes").selectAll().where("lesson_id", "=", lessonId).executeTakeFirst();
  if (!quiz) return null;
  const questions = await db.selectFrom("quiz_questions").selectAll().where("quiz_id", "=", quiz.id).orderBy("position").execute();
  const options = questions.length
    ? await db
        .selectFrom("quiz_options")
        .selectAll()
        .where(
          "question_id",
          "in",
          questions.map((q) => q.id),
        )
        .orderBy("position")
        .execute()
    : [];
  return {
    id: quiz.id,
    passPercent: quiz.pass_percent,
    maxAttempts: quiz.max_attempts,
    questions: questions.map((q) => ({
      id: q.id,
      promptVi: q.prompt_vi,
      promptEn: q.prompt_en,
      kind: q.kind,
      optionsText: options
        .filter((o) => o.question_id === q.id)
        .map((o) => `${o.is_correct ? "* " : ""}${o.label_vi}${o.label_en ? ` | ${o.label_en}` : ""}`)
        .join("\n"),
    })),
  };
}

export interface LessonEditorView {
  course: CourseHeader;
  lesson: {
    id: number;
    title: string;
    titleVi: string;
    titleEn: string | null;
    contentVi: string;
    contentEn: string | null;
    minutes: number;
    required: boolean;
    resourcesText: string;
  };
  quiz: EditorQuiz | null;
}

/** Null when the course or the lesson (of this course) does not exist. */
export async function loadLessonEditor(db: DB, input: { programId: number; lessonId: number; locale: Locale }): Promise<LessonEditorView | null> {
  const [course, lesson] = await Promise.all([getCourseById(db, input.programId), getLessonInCourse(db, input.programId, input.lessonId)]);
  if (!course || !lesson) return null;
  return {
    course: courseHeader(course, input.locale),
    lesson: {
      id: lesson.id,
      title: localized(lesson, "title", input.locale),
      titleVi: lesson.title_vi,
      titleEn: lesson.title_en,
      contentVi: lesson.content_md_vi,
      contentEn: lesson.content_md_en,
      minutes: lesson.estimated_minutes,
      required: lesson.required === 1,
      resourcesText: parseResources(lesson.resources)
        .map((r) => `${r.label} | ${r.url}`)
        .join("\n"),
    },
    quiz: await getQuizForEditor(db, lesson.id),
  };
}
