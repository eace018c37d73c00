// The workshops' refusal tables: every reason a workshops function can refuse with → HTTP status, message, field.
import type { RefusalMap } from "~/lib/refusals";
import type { GroupRefusal } from "./group.server";
import type { CancelRefusal, RegistrationRefusal, RemovalRefusal } from "./registration.server";
import type { AttendanceRefusal } from "./roster.server";
import type { SessionRefusal } from "./sessions.server";

export const registrationRefusals = {
  studentsOnly: { status: 403, key: "workshops.refuse.studentsOnly" },
  notFound: { status: 404, key: "workshops.refuse.notFound" },
  sessionCancelled: { status: 409, key: "workshops.refuse.sessionCancelled" },
  started: { status: 409, key: "workshops.refuse.started" },
  notOpen: { status: 409, key: "workshops.refuse.notOpen" },
  closed: { status: 409, key: "workshops.refuse.closed" },
  notEligible: { status: 409, key: "workshops.refuse.notEligible" },
  overlap: { status: 409, key: "workshops.refuse.overlap" },
  removedByStaff: { status: 409, key: "workshops.refuse.removedByStaff" },
} satisfies RefusalMap<RegistrationRefusal>;

/** A student cancelling: someone else's registration is "not found", like one that does not exist. */
export const cancelRefusals = {
  notFound: { status: 404, key: "workshops.cancelRefused.notFound" },
  notActive: { status: 409, key: "workshops.cancelRefused.notActive" },
  deadlinePassed: { status: 409, key: "workshops.cancelRefused.deadlinePassed" },
} satisfies RefusalMap<CancelRefusal>;

/** Staff removing a registration from the roster. */
export const removalRefusals = {
  notFound: { status: 404, key: "workshops.cancelRefused.notFound" },
  notActive: { status: 409, key: "workshops.errors.notActive" },
} satisfies RefusalMap<RemovalRefusal>;

/** Staff marking attendance: the registration is not a confirmed one of this session, or the meeting is not its. */
export const attendanceRefusals = {
  notFound: { status: 404, key: "workshops.cancelRefused.notFound" },
} satisfies RefusalMap<AttendanceRefusal>;

/** Staff editing a session. */
export const sessionRefusals = {
  notFound: { status: 404, key: "workshops.refuse.notFound" },
  capacityBelowConfirmed: { status: 409, key: "workshops.errors.capacityBelowConfirmed", field: "capacity" },
} satisfies RefusalMap<SessionRefusal>;

/** A group (a class) registered at once; "notEnoughSeats" has params { fits, needed }. */
export const groupRefusals = {
  notFound: { status: 404, key: "workshops.refuse.notFound" },
  sessionCancelled: { status: 409, key: "workshops.refuse.sessionCancelled" },
  started: { status: 409, key: "workshops.refuse.started" },
  notEnoughSeats: { status: 409, key: "workshops.refuse.notEnoughSeats" },
  notOpen: { status: 409, key: "workshops.refuse.notOpen" },
  closed: { status: 409, key: "workshops.refuse.closed" },
} satisfies RefusalMap<GroupRefusal>;
