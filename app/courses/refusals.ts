// The courses capability's refusal tables: each reason → its HTTP status, its message and the field it belongs to.
import type { RefusalMap } from "~/lib/refusals";
import type { SaveCourseRefusal } from "./builder.server";
import type { EnrolManyRefusal, EnrolRefusal } from "./enrolment.server";
import type { QuestionRefusal } from "./lesson-builder.server";
import type { CompleteLessonRefusal } from "./progress.server";
import type { QuizRefusal } from "./quiz.server";

export const enrolRefusals = {
  notFound: { status: 404, key: "courses.enrol.refused.notFound" },
  notPublished: { status: 409, key: "courses.enrol.refused.notPublished" },
  classOnly: { status: 409, key: "courses.enrol.refused.classOnly" },
  keyRequired: { status: 400, key: "courses.enrol.refused.keyRequired", field: "key" },
  wrongKey: { status: 400, key: "courses.enrol.refused.wrongKey", field: "key" },
  prerequisite: { status: 409, key: "courses.enrol.refused.prerequisite" },
  notOpenYet: { status: 409, key: "courses.enrol.refused.notOpenYet" },
  closed: { status: 409, key: "courses.enrol.refused.closed" },
  full: { status: 409, key: "courses.enrol.refused.full" },
  keyThrottled: { status: 429, key: "courses.enrol.refused.keyThrottled", field: "key" },
} satisfies RefusalMap<EnrolRefusal>;

/** Enrolling a whole class refuses for a subset of the same reasons, with the same messages. */
export const enrolManyRefusals: RefusalMap<EnrolManyRefusal> = enrolRefusals;

export const completeLessonRefusals = {
  notFound: { status: 404, key: "courses.lesson.refused.notFound" },
  notEnrolled: { status: 409, key: "courses.lesson.refused.notEnrolled" },
  quizNotPassed: { status: 409, key: "courses.lesson.refused.quizNotPassed" },
} satisfies RefusalMap<CompleteLessonRefusal>;

export const quizRefusals = {
  noQuiz: { status: 404, key: "courses.quiz.errors.noQuiz" },
  notEnrolled: { status: 409, key: "courses.quiz.errors.notEnrolled" },
  noAttemptsLeft: { status: 409, key: "courses.quiz.errors.noAttemptsLeft" },
  answersOutdated: { status: 409, key: "courses.quiz.errors.outdated" },
} satisfies RefusalMap<QuizRefusal>;

export const saveCourseRefusals = {
  slugTaken: { status: 400, key: "courses.errors.slugTaken", field: "slug" },
  prerequisiteSelf: { status: 400, key: "courses.errors.prerequisiteSelf", field: "prerequisiteProgramId" },
  prerequisiteUnknown: { status: 400, key: "validation.choice", field: "prerequisiteProgramId" },
  capacityBelowEnrolled: { status: 400, key: "courses.errors.capacityBelowEnrolled", field: "capacity" },
} satisfies RefusalMap<SaveCourseRefusal>;

export const questionRefusals = {
  quizFirst: { status: 409, key: "courses.errors.quizFirst" },
} satisfies RefusalMap<QuestionRefusal>;
