// What the learner pages need: whether the user may learn in the course, the course home (outline with ticks,
// progress, where to continue) and one lesson, as views in the reader's language.
import { getCourseCertificateOf } from "~/certificates/queries.server";
import type { Locale } from "~/i18n";
import { localized } from "~/i18n/localized";
import type { DB } from "~/lib/db.server";
import { getEnrolment } from "./enrolment.server";
import { continueLessonId } from "./outline";
import { getCompletedLessonIds, getProgress, type CourseProgress } from "./progress.server";
import { getQuizForLearner, type LearnerQuiz } from "./quiz.server";
import { parseResources, type Resource } from "./resources";
import { courseHeader, flattenLessons, getCourseBySlug, getLessonInCourse, getOutline, type CourseHeader, type OutlineModule } from "./structure.server";

export interface LearnerAccess {
  course: { id: number; slug: string };
  /** False when the user is not (or no longer) enrolled: the route sends them to the course page. */
  enrolled: boolean;
}

/** Null for a course that does not exist or is a draft. */
export async function getLearnerAccess(db: DB, input: { slug: string; userId: number }): Promise<LearnerAccess | null> {
  const course = await getCourseBySlug(db, input.slug);
  if (!course || course.status === "draft") return null;
  const enrolment = await getEnrolment(db, { userId: input.userId, programId: course.id });
  return { course: { id: course.id, slug: course.slug }, enrolled: enrolment?.status === "active" };
}

export interface LearnerCourseView {
  course: CourseHeader;
  completedAt: string | null;
  lastActivityAt: string | null;
  outline: OutlineModule[];
  completed: number[];
  progress: CourseProgress;
  continueLessonId: number | null;
  /** The learner's certificate for this course (what the completion banner links to); null while none. */
  certificateId: number | null;
}

/** The course home of an enrolled learner; null when they are not enrolled in it. */
export async function loadLearnerCourse(db: DB, input: { programId: number; userId: number; locale: Locale }): Promise<LearnerCourseView | null> {
  const ids = { programId: input.programId, userId: input.userId };
  const [course, enrolment, outline, completed, progress, certificate] = await Promise.all([
    db.selectFrom("programs").select(["id", "slug", "title_vi", "title_en"]).where("id", "=", input.programId).executeTakeFirst(),
    getEnrolment(db, ids),
    getOutline(db, input.programId, input.locale),
    getCompletedLessonIds(db, ids),
    getProgress(db, ids),
    getCourseCertificateOf(db, ids),
  ]);
  if (!course || enrolment?.status !== "active") return null;
  return {
    course: courseHeader(course, input.locale),
    completedAt: enrolment.completed_at,
    lastActivityAt: enrolment.last_activity_at,
    outline,
    completed,
    progress,
    continueLessonId: continueLessonId(flattenLessons(outline), new Set(completed)),
    certificateId: certificate?.id ?? null,
  };
}

export interface LessonView {
  course: CourseHeader;
  lesson: { id: number; title: string; moduleTitle: string; required: boolean; minutes: number; html: string; resources: Resource[] };
  outline: OutlineModule[];
  completed: number[];
  isCompleted: boolean;
  quiz: LearnerQuiz | null;
  previous: { id: number; title: string } | null;
  next: { id: number; title: string } | null;
  /** The learner's progress in the course; null for staff previewing. */
  progress: CourseProgress | null;
}

/**
 * One lesson as shown to a learner (or to staff previewing: userId null). The quiz comes without its answers.
 * Null when the lesson is not part of this course.
 */
export async function loadLessonView(
  db: DB,
  input: { programId: number; lessonId: number; userId: number | null; locale: Locale },
): Promise<LessonView | null> {
  const [lesson, course] = await Promise.all([
    getLessonInCourse(db, input.programId, input.lessonId),
    db.selectFrom("programs").select(["id", "slug", "title_vi", "title_en"]).where("id", "=", input.programId).executeTakeFirst(),
  ]);
  if (!lesson || !course) return null;
  const learner = input.userId === null ? null : { userId: input.userId, programId: input.programId };
  const [outline, completed, quiz, progress] = await Promise.all([
    getOutline(db, input.programId, input.locale),
    learner ? getCompletedLessonIds(db, learner) : Promise.resolve([] as number[]),
    getQuizForLearner(db, { lessonId: lesson.id, userId: input.userId, locale: input.locale }),
    learner ? getProgress(db, learner) : Promise.resolve(null),
  ]);
  const lessons = flattenLessons(outline);
  const index = lessons.findIndex((l) => l.id === lesson.id);
  const neighbour = (i: number) => (lessons[i] ? { id: lessons[i].id, title: lessons[i].title } : null);
  return {
    course: courseHeader(course, input.locale),
    lesson: {
      id: lesson.id,
      title: localized(lesson, "title", input.locale),
      moduleTitle: localized({ title_vi: lesson.module_title_vi, title_en: lesson.module_title_en }, "title", input.locale),
      required: lesson.required === 1,
      minutes: lesson.estimated_minutes,
      html: localized(lesson, "content_html", input.locale),
      resources: parseResources(lesson.resources),
    },
    outline,
    completed,
    isCompleted: completed.includes(lesson.id),
    quiz,
    previous: neighbour(index - 1),
    next: neighbour(index + 1),
    progress,
  };
}
