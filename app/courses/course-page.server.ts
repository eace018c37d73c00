// The public page of a course (/courses/:slug): who may see it, and what it shows in the reader's language.
import type { EnrolmentMode, ProgramStatus } from "#db/schema";
import { isStaff, type SessionUser } from "~/auth/roles";
import type { Locale } from "~/i18n";
import { localized } from "~/i18n/localized";
import type { DB } from "~/lib/db.server";
import { getEnrolment } from "./enrolment.server";
import { getCompletedLessonIds, getProgress, type CourseProgress } from "./progress.server";
import { getCourseById, getCourseBySlug, getOutline, type CourseRecord, type OutlineModule } from "./structure.server";

type Viewer = Pick<SessionUser, "id" | "role"> | null;

/** Drafts are visible to staff only (archived courses stay visible, e.g. to learners already enrolled). */
async function visibleCourse(db: DB, slug: string, viewer: Viewer): Promise<CourseRecord | null> {
  const course = await getCourseBySlug(db, slug);
  if (!course || (course.status === "draft" && !isStaff(viewer))) return null;
  return course;
}

/** The course a form on its page acts on; null when the viewer may not see it. */
export async function findVisibleCourse(db: DB, slug: string, viewer: Viewer): Promise<{ id: number; slug: string } | null> {
  const course = await visibleCourse(db, slug, viewer);
  return course ? { id: course.id, slug: course.slug } : null;
}

export interface CoursePageView {
  course: {
    slug: string;
    title: string;
    summary: string;
    descriptionHtml: string;
    status: ProgramStatus;
    mode: EnrolmentMode;
    seatsLeft: number | null;
    opensAt: string | null;
    closesAt: string | null;
    hours: number | null;
  };
  prerequisite: { slug: string; title: string } | null;
  outline: OutlineModule[];
  completed: number[];
  signedIn: boolean;
  enrolment: { active: boolean; completedAt: string | null } | null;
  progress: CourseProgress | null;
}

/** Null when there is no such course or the viewer may not see it. */
export async function loadCoursePage(db: DB, input: { slug: string; viewer: Viewer; locale: Locale }): Promise<CoursePageView | null> {
  const { viewer, locale } = input;
  const course = await visibleCourse(db, input.slug, viewer);
  if (!course) return null;
  const learner = viewer ? { userId: viewer.id, programId: course.id } : null;
  const [outline, enrolment, prerequisite] = await Promise.all([
    getOutline(db, course.id, locale),
    learner ? getEnrolment(db, learner) : null,
    course.prerequisite_program_id ? getCourseById(db, course.prerequisite_program_id) : null,
  ]);
  const [progress, completed] =
    enrolment && learner ? await Promise.all([getProgress(db, learner), getCompletedLessonIds(db, learner)]) : [null, [] as number[]];
  return {
    course: {
      slug: course.slug,
      title: localized(course, "title", locale),
      summary: localized(course, "summary", locale),
      descriptionHtml: localized(course, "description_html", locale),
      status: course.status,
      mode: course.enrolment_mode,
      seatsLeft: course.capacity === null ? null : Math.max(0, course.capacity - course.active_count),
      opensAt: course.enrol_opens_at,
      closesAt: course.enrol_closes_at,
      hours: course.estimated_hours,
    },
    prerequisite: prerequisite ? { slug: prerequisite.slug, title: localized(prerequisite, "title", locale) } : null,
    outline,
    completed,
    signedIn: !!viewer,
    enrolment: enrolment ? { active: enrolment.status === "active", completedAt: enrolment.completed_at } : null,
    progress,
  };
}
