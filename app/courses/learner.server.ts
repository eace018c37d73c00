// What the learner pages need: the course, the learner's active enrolment (or a redirect to the course page
// with a notice), the outline with ticks and the progress.
import { redirect } from "@remix-run/node";
import type { DB } from "~/lib/db.server";
import { renderMarkdown } from "~/lib/markdown.server";
import { getEnrolment } from "./enrolment.server";
import { pick, parseResources } from "./localize";
import { continueLessonId } from "./outline";
import { getCompletedLessonIds, getProgress } from "./progress.server";
import { getQuizForLearner } from "./quiz.server";
import { flattenLessons, getCourseBySlug, getLessonInCourse, getOutline } from "./structure.server";

const notFound = () => new Response("Not Found", { status: 404 });

/** 404 for an unknown course; redirect to /courses/:slug when the user is not (or no longer) enrolled. */
export async function requireEnrolledCourse(db: DB, input: { slug: string; userId: number }) {
  const course = await getCourseBySlug(db, input.slug);
  if (!course || course.status === "draft") throw notFound();
  const enrolment = await getEnrolment(db, { userId: input.userId, programId: course.id });
  if (!enrolment || enrolment.status !== "active") throw redirect(`/courses/${course.slug}?notice=notice.courses.enrolFirst`);
  return { course, enrolment };
}

export async function loadLearnerOutline(db: DB, input: { programId: number; userId: number }) {
  const [outline, completed, progress] = await Promise.all([
    getOutline(db, input.programId),
    getCompletedLessonIds(db, input),
    getProgress(db, input),
  ]);
  const lessons = flattenLessons(outline);
  return { outline, completed, progress, continueLessonId: continueLessonId(lessons, new Set(completed)) };
}

/**
 * One lesson as shown to a learner (or to staff previewing: userId null). The quiz comes without its answers.
 * Throws 404 when the lesson is not part of this course.
 */
export async function loadLessonView(db: DB, input: { programId: number; lessonId: number; userId: number | null; locale: "vi" | "en" }) {
  const lesson = await getLessonInCourse(db, input.programId, input.lessonId);
  if (!lesson) throw notFound();
  const [outline, completed, quiz] = await Promise.all([
    getOutline(db, input.programId),
    input.userId ? getCompletedLessonIds(db, { userId: input.userId, programId: input.programId }) : Promise.resolve([] as number[]),
    getQuizForLearner(db, { lessonId: lesson.id, userId: input.userId }),
  ]);
  const lessons = flattenLessons(outline);
  const index = lessons.findIndex((l) => l.id === lesson.id);
  const neighbour = (i: number) => (lessons[i] ? { id: lessons[i].id, titleVi: lessons[i].titleVi, titleEn: lessons[i].titleEn } : null);
  return {
    lesson: {
      id: lesson.id,
      titleVi: lesson.title_vi,
      titleEn: lesson.title_en,
      moduleTitleVi: lesson.module_title_vi,
      moduleTitleEn: lesson.module_title_en,
      required: lesson.required === 1,
      minutes: lesson.estimated_minutes,
      html: renderMarkdown(pick(lesson.content_md_vi, lesson.content_md_en, input.locale)),
      resources: parseResources(lesson.resources),
    },
    outline,
    completed,
    isCompleted: completed.includes(lesson.id),
    quiz,
    previous: neighbour(index - 1),
    next: neighbour(index + 1),
  };
}
