// The lab's refusal tables: each reason a lab function can refuse with → HTTP status, message, field.
import type { RefusalMap } from "~/lib/refusals";
import type { BookRefusal, CancelRefusal } from "./bookings.server";
import type { CancelRequestRefusal, DecideRefusal, RoomRequestRefusal } from "./requests.server";
import type { AttendanceRefusal } from "./sheet.server";
import type { ClosedDateRefusal, SaveResourceRefusal } from "./staff.server";
import type { PhotoRefusal } from "./photos.server";

/** Booking slots (bookSlots): the reason and, in its parameters, the way forward. */
export const bookRefusals = {
  notFound: { status: 404, key: "lab.errors.notFound" },
  notAllowed: { status: 403, key: "lab.errors.notAllowed" },
  tooManySlots: { status: 400, key: "lab.errors.tooManySlots", field: "slots" },
  past: { status: 400, key: "lab.errors.past" },
  outsideHours: { status: 400, key: "lab.errors.outsideHours" },
  closedDay: { status: 409, key: "lab.errors.closedDay" },
  outOfService: { status: 409, key: "lab.errors.outOfService" },
  tooYoung: { status: 403, key: "lab.errors.tooYoung" },
  credentialMissing: { status: 403, key: "lab.errors.credentialMissing" },
  slotTaken: { status: 409, key: "lab.errors.slotTaken" },
  quotaUsed: { status: 409, key: "lab.errors.quotaUsed" },
  overlap: { status: 409, key: "lab.errors.overlap" },
} satisfies RefusalMap<BookRefusal>;

export const cancelRefusals = {
  notFound: { status: 404, key: "lab.errors.bookingNotFound" },
  notActive: { status: 409, key: "lab.errors.notActive" },
  started: { status: 409, key: "lab.errors.started" },
} satisfies RefusalMap<CancelRefusal>;

export const roomRequestRefusals = {
  notFound: { status: 404, key: "lab.errors.notFound" },
  notAllowed: { status: 403, key: "lab.errors.requestNotAllowed" },
  past: { status: 400, key: "lab.errors.past", field: "date" },
  outsideHours: { status: 400, key: "lab.errors.outsideHours", field: "from" },
  closedDay: { status: 409, key: "lab.errors.closedDay", field: "date" },
  outOfService: { status: 409, key: "lab.errors.outOfService", field: "date" },
  overCapacity: { status: 400, key: "lab.errors.overCapacity", field: "attendance" },
} satisfies RefusalMap<RoomRequestRefusal>;

export const decideRefusals = {
  notFound: { status: 404, key: "lab.errors.requestNotFound" },
  notRequested: { status: 409, key: "lab.errors.notRequested" },
  slotTaken: { status: 409, key: "lab.errors.roomTaken" },
} satisfies RefusalMap<DecideRefusal>;

export const saveResourceRefusals = {
  slugTaken: { status: 400, key: "lab.errors.slugTaken", field: "slug" },
  badHours: { status: 400, key: "lab.errors.badHours", field: "openingHours" },
  unknownProgram: { status: 400, key: "validation.invalid", field: "programIds" },
  notFound: { status: 404, key: "lab.errors.notFound" },
} satisfies RefusalMap<SaveResourceRefusal>;

export const closedDateRefusals = {
  notFound: { status: 404, key: "lab.errors.notFound" },
  bookingsExist: { status: 409, key: "lab.errors.bookingsExist", field: "date" },
} satisfies RefusalMap<ClosedDateRefusal>;

export const attendanceRefusals = {
  notFound: { status: 404, key: "lab.errors.bookingNotFound" },
  notBooked: { status: 409, key: "lab.errors.notActive" },
  notStarted: { status: 409, key: "lab.errors.notStarted" },
} satisfies RefusalMap<AttendanceRefusal>;

export const photoRefusals = {
  photoType: { status: 400, key: "lab.errors.photoType", field: "photo" },
  photoSize: { status: 413, key: "lab.errors.photoSize", field: "photo" },
} satisfies RefusalMap<PhotoRefusal>;

export const cancelRequestRefusals = {
  notFound: { status: 404, key: "lab.errors.requestNotFound" },
  notActive: { status: 409, key: "lab.errors.notRequested" },
  started: { status: 409, key: "lab.errors.started" },
} satisfies RefusalMap<CancelRequestRefusal>;
