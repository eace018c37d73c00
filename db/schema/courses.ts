// Tables of the courses capability. A course is a row of `programs` (kind = 'course') plus a `courses` row.
import type { Generated, Selectable } from "kysely";

export type EnrolmentMode = "open" | "key" | "class_only";
export type EnrolmentStatus = "active" | "left";
export type EnrolmentSource = "self" | "class" | "key";
export type QuestionKind = "single" | "multiple";

export interface CoursesTable {
  program_id: number;
  enrolment_mode: Generated<EnrolmentMode>;
  enrolment_key: string | null;
  capacity: number | null;
  active_count: Generated<number>;
  enrol_opens_at: string | null;
  enrol_closes_at: string | null;
  prerequisite_program_id: number | null;
  estimated_hours: number | null;
  created_at: string;
  updated_at: string;
}

export interface CourseModulesTable {
  id: Generated<number>;
  program_id: number;
  position: number;
  title_vi: string;
  title_en: string | null;
}

export interface LessonsTable {
  id: Generated<number>;
  module_id: number;
  position: number;
  title_vi: string;
  title_en: string | null;
  content_md_vi: Generated<string>;
  content_md_en: string | null;
  /** Sanitised HTML of content_md_vi / _en, rendered when saved. */
  content_html_vi: Generated<string>;
  content_html_en: string | null;
  estimated_minutes: Generated<number>;
  /** 1 = counts toward progress, 0 = optional. */
  required: Generated<number>;
  /** JSON array of {label, url}. */
  resources: Generated<string>;
  created_at: string;
  updated_at: string;
}

export interface QuizzesTable {
  id: Generated<number>;
  lesson_id: number;
  pass_percent: Generated<number>;
  /** null = unlimited. */
  max_attempts: number | null;
}

export interface QuizQuestionsTable {
  id: Generated<number>;
  quiz_id: number;
  position: number;
  prompt_vi: string;
  prompt_en: string | null;
  kind: Generated<QuestionKind>;
}

export interface QuizOptionsTable {
  id: Generated<number>;
  question_id: number;
  position: number;
  label_vi: string;
  label_en: string | null;
  is_correct: Generated<number>;
}

export interface QuizAttemptsTable {
  id: Generated<number>;
  user_id: number;
  quiz_id: number;
  attempt_number: number;
  score_percent: number;
  passed: number;
  answers: string;
  created_at: string;
}

export interface EnrolmentsTable {
  id: Generated<number>;
  program_id: number;
  user_id: number;
  status: Generated<EnrolmentStatus>;
  source: Generated<EnrolmentSource>;
  enrolled_at: string;
  left_at: string | null;
  last_activity_at: string | null;
  completed_at: string | null;
  /** Completed required lessons of this course (kept with completions and lesson changes, progress.server.ts). */
  required_done: Generated<number>;
  /** The learner's users.name_key, copied by triggers (migration 0028) so the report's orders have whole indexes. */
  name_key: Generated<string>;
}

export interface LessonCompletionsTable {
  user_id: number;
  lesson_id: number;
  completed_at: string;
}

/**
 * Issue 17: the learners of each course per enrolment status and number of required lessons done, and how many
 * of them completed: the staff report's histogram and totals. Kept by triggers on `enrolments` (migration 0035).
 */
export interface CourseProgressCountsTable {
  program_id: number;
  status: string;
  required_done: number;
  learners: number;
  completed: number;
}

export interface CoursesTables {
  courses: CoursesTable;
  course_modules: CourseModulesTable;
  lessons: LessonsTable;
  quizzes: QuizzesTable;
  quiz_questions: QuizQuestionsTable;
  quiz_options: QuizOptionsTable;
  quiz_attempts: QuizAttemptsTable;
  enrolments: EnrolmentsTable;
  lesson_completions: LessonCompletionsTable;
  course_progress_counts: CourseProgressCountsTable;
}

export type CourseRow = Selectable<CoursesTable>;
export type LessonRow = Selectable<LessonsTable>;
export type EnrolmentRow = Selectable<EnrolmentsTable>;
