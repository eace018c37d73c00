// The mail capability's refusal tables: each reason → HTTP status, message key and the field it belongs next to.
import type { RefusalMap } from "~/lib/refusals";
import type { ResendRefusal, ResetRequestRefusal, TokenRefusal } from "./accounts.server";
import type { EmailChangeRefusal, EmailChangeTokenRefusal } from "./email-change.server";
import type { RetryRefusal } from "./outbox.server";

export const resetRequestRefusals = {
  throttled: { status: 429, key: "reset.request.throttled" },
} satisfies RefusalMap<ResetRequestRefusal>;

export const tokenRefusals = {
  invalid: { status: 400, key: "reset.invalid" },
} satisfies RefusalMap<TokenRefusal>;

export const verifyRefusals = {
  invalid: { status: 400, key: "email.verify.invalid" },
} satisfies RefusalMap<TokenRefusal>;

export const resendRefusals = {
  throttled: { status: 429, key: "email.verify.throttled" },
  alreadyVerified: { status: 400, key: "email.verified" },
  noEmail: { status: 400, key: "reset.request.noEmail" },
} satisfies RefusalMap<ResendRefusal>;

export const unsubscribeRefusals = {
  invalid: { status: 400, key: "unsubscribe.invalid" },
} satisfies RefusalMap<TokenRefusal>;

export const retryRefusals = {
  notFound: { status: 404, key: "outbox.retry.notFound" },
  notFailed: { status: 409, key: "outbox.retry.notFailed" },
  secretGone: { status: 409, key: "outbox.retry.secretGone" },
} satisfies RefusalMap<RetryRefusal>;

export const emailChangeRefusals = {
  throttled: { status: 429, key: "email.change.throttled", field: "currentPassword" },
  wrongPassword: { status: 400, key: "email.change.wrongPassword", field: "currentPassword" },
  same: { status: 400, key: "email.change.same", field: "newEmail" },
} satisfies RefusalMap<EmailChangeRefusal>;

export const emailChangeTokenRefusals = {
  invalid: { status: 400, key: "email.change.invalid" },
} satisfies RefusalMap<EmailChangeTokenRefusal>;
