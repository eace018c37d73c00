// The refusal tables of tours: each reason a tours function can refuse with → HTTP status, message, field.
import type { RefusalMap } from "~/lib/refusals";
import type { BookingRefusal, ClassPrefillRefusal } from "./bookings.server";
import type { ChangeRefusal } from "./lifecycle.server";
import type { SaveTourRefusal } from "./staff.server";
import type { SlotRefusal } from "./tours.server";

/** Choosing a slot, when booking it or moving a booking to it: the same rules, the same messages. */
const slotChoiceRefusals = {
  slotOtherTour: { status: 400, key: "tours.errors.slotOtherTour", field: "slotId" },
  slotCancelled: { status: 400, key: "tours.errors.slotCancelled", field: "slotId" },
  slotPast: { status: 400, key: "tours.errors.slotPast", field: "slotId" },
  slotFull: { status: 409, key: "tours.errors.slotFull", field: "slotId" },
} as const;

/** Booking a slot (createBooking). */
export const bookingRefusals = {
  ...slotChoiceRefusals,
  notAllowed: { status: 403, key: "bookings.errors.notAllowed" },
  noSchool: { status: 403, key: "bookings.errors.noSchool" },
  chooseSchool: { status: 400, key: "bookings.errors.chooseSchool", field: "schoolId" },
  notYourSchool: { status: 400, key: "bookings.errors.notYourSchool", field: "schoolId" },
  classNotYours: { status: 400, key: "bookings.errors.classNotYours", field: "classId" },
  studentsRequired: { status: 400, key: "validation.required", field: "students" },
  groupSize: { status: 400, key: "tours.errors.groupSize", field: "students" },
  gradeOutside: { status: 400, key: "tours.errors.gradeOutside", field: "gradeMin" },
  tooFewAdults: { status: 400, key: "tours.errors.tooFewAdults", field: "adults" },
  duplicate: { status: 409, key: "bookings.errors.duplicate", field: "slotId" },
} satisfies RefusalMap<BookingRefusal>;

/** Changing a booking (changeBooking, cancelBooking). */
export const changeRefusals = {
  ...slotChoiceRefusals,
  notFound: { status: 404, key: "bookings.errors.notFound" },
  notAllowed: { status: 403, key: "bookings.errors.notAllowed" },
  illegalTransition: { status: 409, key: "bookings.errors.illegalTransition" },
  cancelDeadline: { status: 409, key: "bookings.errors.cancelDeadline" },
  notYetVisited: { status: 409, key: "bookings.errors.notYetVisited" },
  sameSlot: { status: 400, key: "bookings.errors.sameSlot", field: "slotId" },
} satisfies RefusalMap<ChangeRefusal>;

/** Saving a tour's entry and settings (saveTour). */
export const saveTourRefusals = {
  badRatioRules: { status: 400, key: "tours.errors.ratioRules", field: "ratioRules" },
  slugTaken: { status: 400, key: "tours.errors.slugTaken", field: "slug" },
} satisfies RefusalMap<SaveTourRefusal>;

/** Time slots (addSlot, createRecurringSlots, cancelSlot, setSlotCapacity). */
export const slotRefusals = {
  datePast: { status: 400, key: "tours.errors.datePast", field: "date" },
  slotExists: { status: 409, key: "tours.errors.slotExists", field: "time" },
  slotBusy: { status: 409, key: "tours.errors.slotBusy" },
  belowHeld: { status: 400, key: "tours.errors.capacityBelowHeld", field: "capacity" },
  slotNotFound: { status: 404, key: "tours.errors.slotNotFound" },
} satisfies RefusalMap<SlotRefusal>;

/** Filling the booking form from a class (prefillFromClass): only the user's own classes. */
export const classPrefillRefusals = {
  notAllowed: { status: 403, key: "bookings.errors.notAllowed" },
  classNotYours: { status: 403, key: "bookings.errors.classNotYours", field: "classId" },
} satisfies RefusalMap<ClassPrefillRefusal>;
