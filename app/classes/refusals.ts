// The classes capability's refusal tables: each reason → HTTP status, message key and the field it belongs next to.
// Safe for client and server (the enrol page reads the "not enough seats" key to offer filling the seats).
import type { RefusalMap } from "~/lib/refusals";
import type { ClassAccessRefusal } from "./access.server";
import type { ResetRefusal } from "./accounts.server";
import type { BulkRefusal } from "./bulk.server";
import type { CoTeacherRefusal, CreateClassRefusal } from "./classes.server";
import type { ClassCourseRefusal, ClassSessionRefusal } from "./enrol.server";
import type { JoinRefusal } from "./join.server";
import type { AnswerRefusal } from "./invitations.server";
import type { RemoveMemberRefusal } from "./members.server";

/** Thrown as the error page by the class routes' guard (app/lib/class-guard.server.ts). */
export const classAccessRefusals = {
  notFound: { status: 404, key: "error.notFound.text" },
  forbidden: { status: 403, key: "error.forbidden.text" },
} satisfies RefusalMap<ClassAccessRefusal>;

export const createClassRefusals = {
  schoolNotApproved: { status: 403, key: "classes.errors.schoolNotApproved", field: "schoolId" },
} satisfies RefusalMap<CreateClassRefusal>;

export const coTeacherRefusals = {
  notFound: { status: 400, key: "classes.teachers.errors.notFound", field: "email" },
  notSameSchool: { status: 400, key: "classes.teachers.errors.notSameSchool", field: "email" },
  already: { status: 400, key: "classes.teachers.errors.already", field: "email" },
} satisfies RefusalMap<CoTeacherRefusal>;

/** An invitation that is not the student's, already answered or of an archived class. */
export const answerInvitationRefusals = {
  notFound: { status: 404, key: "classes.invitations.errors.notFound" },
} satisfies RefusalMap<AnswerRefusal>;

export const removeMemberRefusals = {
  notMember: { status: 404, key: "classes.members.errors.notMember" },
} satisfies RefusalMap<RemoveMemberRefusal>;

export const resetRefusals = {
  notManaged: { status: 403, key: "classes.members.errors.notManaged" },
} satisfies RefusalMap<ResetRefusal>;

export const bulkRefusals = {
  notApproved: { status: 403, key: "classes.bulk.notApproved" },
  archived: { status: 409, key: "classes.bulk.archived" },
  notUtf8: { status: 400, key: "classes.bulk.errors.notUtf8" },
  tooManyRows: { status: 400, key: "classes.bulk.errors.tooManyRows" },
  noRows: { status: 400, key: "classes.bulk.errors.noRows" },
  wrongColumns: { status: 400, key: "classes.bulk.errors.wrongColumns" },
  unreadable: { status: 400, key: "classes.bulk.errors.unreadable" },
  fileTooLarge: { status: 413, key: "classes.bulk.errors.fileTooLarge" },
  hasRefused: { status: 400, key: "classes.bulk.errors.hasRefused" },
} satisfies RefusalMap<BulkRefusal>;

export const classCourseRefusals = {
  notFound: { status: 404, key: "classes.enrol.reason.notFound" },
  notPublished: { status: 409, key: "classes.enrol.reason.notPublished" },
  notOpenYet: { status: 409, key: "classes.enrol.reason.notOpenYet" },
  closed: { status: 409, key: "classes.enrol.reason.closed" },
  full: { status: 409, key: "classes.enrol.reason.full" },
  noMembers: { status: 409, key: "classes.enrol.reason.noMembers" },
} satisfies RefusalMap<ClassCourseRefusal>;

export const classSessionRefusals = {
  notFound: { status: 404, key: "classes.enrol.reason.notFound" },
  sessionCancelled: { status: 409, key: "classes.enrol.reason.sessionCancelled" },
  started: { status: 409, key: "classes.enrol.reason.started" },
  notOpen: { status: 409, key: "classes.enrol.reason.sessionNotOpen" },
  closed: { status: 409, key: "classes.enrol.reason.sessionClosed" },
  noMembers: { status: 409, key: "classes.enrol.reason.noMembers" },
  notEnoughSeats: { status: 409, key: "classes.enrol.short" },
} satisfies RefusalMap<ClassSessionRefusal>;

/** /join (a form): a wrong code is an error next to the code field. */
export const joinRefusals = {
  studentsOnly: { status: 403, key: "join.errors.notStudent" },
  invalid: { status: 400, key: "join.errors.invalid", field: "code" },
  throttled: { status: 429, key: "join.errors.throttled", field: "code" },
} satisfies RefusalMap<JoinRefusal>;

/** Opening a join link (/join/:code): a code that leads nowhere is a page not found. */
export const joinLinkRefusals = {
  ...joinRefusals,
  invalid: { status: 404, key: "join.errors.invalid" },
} satisfies RefusalMap<JoinRefusal>;
