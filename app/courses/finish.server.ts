// The finish page of a course (/learn/:courseSlug/finish), where the last lesson's "complete" button leads: the
// learner's progress, the certificate if one was issued, and a suggested next course.
import { getCourseCertificateOf } from "~/certificates/queries.server";
import { verificationUrl } from "~/certificates/urls.server";
import type { Locale } from "~/i18n";
import { localized } from "~/i18n/localized";
import type { DB } from "~/lib/db.server";
import { getEnrolment } from "./enrolment.server";
import { continueLessonId } from "./outline";
import { getCompletedLessonIds, getProgress, type CourseProgress } from "./progress.server";
import { courseHeader, flattenLessons, getOutline, type CourseHeader } from "./structure.server";

export interface SuggestedCourse {
  slug: string;
  title: string;
  summary: string;
}

export interface CourseFinishView {
  course: CourseHeader;
  completedAt: string | null;
  progress: CourseProgress;
  /** Where to carry on while the course is not complete yet. */
  continueLessonId: number | null;
  certificate: { id: number; serial: string; status: "valid" | "revoked" | "superseded"; verifyUrl: string } | null;
  suggestion: SuggestedCourse | null;
}

/** The finish page of an enrolled learner; null when they are not (or no longer) enrolled in the course. */
export async function loadCourseFinish(
  db: DB,
  input: { programId: number; userId: number; locale: Locale; origin: string },
): Promise<CourseFinishView | null> {
  const ids = { programId: input.programId, userId: input.userId };
  const [course, enrolment] = await Promise.all([
    db.selectFrom("programs").select(["id", "slug", "title_vi", "title_en"]).where("id", "=", input.programId).executeTakeFirst(),
    getEnrolment(db, ids),
  ]);
  if (!course || enrolment?.status !== "active") return null;
  const [progress, outline, completed, certificate, suggestion] = await Promise.all([
    getProgress(db, ids),
    getOutline(db, input.programId, input.locale),
    getCompletedLessonIds(db, ids),
    getCourseCertificateOf(db, ids),
    suggestNextCourse(db, ids, input.locale),
  ]);
  return {
    course: courseHeader(course, input.locale),
    completedAt: enrolment.completed_at,
    progress,
    continueLessonId: enrolment.completed_at ? null : continueLessonId(flattenLessons(outline), new Set(completed)),
    certificate: certificate
      ? { id: certificate.id, serial: certificate.serial, status: certificate.status, verifyUrl: verificationUrl(input.origin, certificate.code) }
      : null,
    suggestion,
  };
}

/**
 * A published course the learner has never enrolled in and can enrol in themselves (not class-only): one sharing
 * a topic with this course if there is one, else any; the oldest first, so the suggestion is stable.
 */
export async function suggestNextCourse(db: DB, input: { programId: number; userId: number }, locale: Locale): Promise<SuggestedCourse | null> {
  const candidates = () =>
    db
      .selectFrom("programs as p")
      .innerJoin("courses as c", "c.program_id", "p.id")
      .select(["p.id", "p.slug", "p.title_vi", "p.title_en", "p.summary_vi", "p.summary_en"])
      .where("p.kind", "=", "course")
      .where("p.status", "=", "published")
      .where("p.id", "!=", input.programId)
      .where("c.enrolment_mode", "!=", "class_only")
      .where((eb) =>
        eb.not(eb.exists(eb.selectFrom("enrolments as e").select("e.id").whereRef("e.program_id", "=", "p.id").where("e.user_id", "=", input.userId))),
      )
      .orderBy("p.id")
      .limit(1);
  const sameTopic = await candidates()
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("program_topics as t")
          .innerJoin("program_topics as mine", "mine.topic", "t.topic")
          .select("t.program_id")
          .whereRef("t.program_id", "=", "p.id")
          .where("mine.program_id", "=", input.programId),
      ),
    )
    .executeTakeFirst();
  const row = sameTopic ?? (await candidates().executeTakeFirst());
  if (!row) return null;
  return { slug: row.slug, title: localized(row, "title", locale), summary: localized(row, "summary", locale) };
}
