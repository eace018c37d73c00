// The guardians capability's refusal tables: each reason → HTTP status, message key and field.
import type { RefusalMap } from "~/lib/refusals";
import type { ConsentRefusal } from "./consent.server";
import type { SetCountRefusal, SignRefusal } from "./slips.server";
import type { CardCheckInRefusal, ReplaceCardRefusal } from "./cards.server";
import type { CheckInRefusal } from "./checkin.server";
import type { CodeRefusal, GuardianSignupRefusal, InviteRefusal, LinkRefusal, RemoveGuardianRefusal } from "./links.server";

export const inviteRefusals = {
  studentsOnly: { status: 403, key: "guardians.refuse.studentsOnly" },
  full: { status: 409, key: "guardians.refuse.full" },
  tooMany: { status: 429, key: "guardians.refuse.tooMany" },
} satisfies RefusalMap<InviteRefusal>;

export const codeRefusals = {
  notFound: { status: 404, key: "error.notFound.text" },
  notManaged: { status: 409, key: "guardians.refuse.notManaged" },
  full: { status: 409, key: "guardians.refuse.full" },
} satisfies RefusalMap<CodeRefusal>;

export const linkRefusals = {
  invalidLink: { status: 410, key: "guardians.refuse.invalidLink" },
  guardiansOnly: { status: 403, key: "guardians.refuse.guardiansOnly" },
  full: { status: 409, key: "guardians.refuse.full" },
  already: { status: 409, key: "guardians.refuse.already" },
} satisfies RefusalMap<LinkRefusal>;

export const guardianSignupRefusals = {
  ...linkRefusals,
  emailTaken: { status: 400, key: "validation.emailTaken", field: "email" },
  usernameTaken: { status: 400, key: "auth.signup.usernameTaken" },
  throttled: { status: 429, key: "auth.signup.throttled" },
} satisfies RefusalMap<GuardianSignupRefusal>;

export const removeGuardianRefusals = {
  notFound: { status: 404, key: "error.notFound.text" },
} satisfies RefusalMap<RemoveGuardianRefusal>;

export const consentRefusals = {
  notFound: { status: 404, key: "error.notFound.text" },
} satisfies RefusalMap<ConsentRefusal>;

export const signRefusals = {
  notFound: { status: 404, key: "slips.refuse.notFound" },
  closed: { status: 409, key: "slips.refuse.closed" },
} satisfies RefusalMap<SignRefusal>;

export const setCountRefusals = {
  notFound: { status: 404, key: "slips.refuse.notFound" },
  noneSigned: { status: 409, key: "slips.refuse.noneSigned" },
  slotFull: { status: 409, key: "slips.refuse.slotFull" },
} satisfies RefusalMap<SetCountRefusal>;

export const checkInRefusals = {
  notFound: { status: 404, key: "slips.refuse.notFound" },
  notVisitDay: { status: 409, key: "checkin.refuse.notVisitDay" },
} satisfies RefusalMap<CheckInRefusal>;

/** A scanned or typed card code on the check-in page. The field `code` is the manual entry's. */
export const cardCheckInRefusals = {
  unknownCard: { status: 404, key: "checkin.refuse.unknownCard", field: "code" },
  notVisitDay: { status: 409, key: "checkin.refuse.notVisitDay" },
  notOnBooking: { status: 409, key: "checkin.refuse.notOnBooking", field: "code" },
  notCleared: { status: 409, key: "checkin.refuse.notCleared", field: "code" },
} satisfies RefusalMap<CardCheckInRefusal>;

export const replaceCardRefusals = {
  notFound: { status: 404, key: "error.notFound.text" },
} satisfies RefusalMap<ReplaceCardRefusal>;
