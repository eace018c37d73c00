// The auth capability's refusal tables: each reason → HTTP status, message key and the field it belongs next to.
import type { RefusalMap } from "~/lib/refusals";
import type { LoginRefusal } from "./login.server";
import type { SignupRefusal } from "./signup.server";
import type { ChallengeRefusal, CodeRefusal, DisableRefusal, EnrolRefusal } from "./two-factor.server";
import type { PasswordChangeRefusal, RoleChangeRefusal } from "./users.server";

export const loginRefusals = {
  // Same answer for an unknown account and a wrong password.
  invalid: { status: 400, key: "auth.login.invalid" },
  throttled: { status: 429, key: "auth.login.throttled" },
} satisfies RefusalMap<LoginRefusal>;

export const signupRefusals = {
  emailTaken: { status: 400, key: "validation.emailTaken", field: "email" },
  usernameTaken: { status: 400, key: "auth.signup.usernameTaken" },
  schoolNotFound: { status: 400, key: "schools.errors.notFound", field: "schoolId" },
  throttled: { status: 429, key: "auth.signup.throttled" },
} satisfies RefusalMap<SignupRefusal>;

export const passwordChangeRefusals = {
  wrongCurrent: { status: 400, key: "account.password.wrongCurrent", field: "currentPassword" },
  throttled: { status: 429, key: "account.password.throttled", field: "currentPassword" },
} satisfies RefusalMap<PasswordChangeRefusal>;

export const roleChangeRefusals = {
  cannotDemoteSelf: { status: 400, key: "admin.users.cannotDemoteSelf" },
} satisfies RefusalMap<RoleChangeRefusal>;

export const twoFactorChallengeRefusals = {
  expired: { status: 400, key: "twoFactor.login.expired" },
  wrongCode: { status: 400, key: "twoFactor.wrongCode", field: "code" },
  throttled: { status: 429, key: "twoFactor.throttled" },
} satisfies RefusalMap<ChallengeRefusal>;

export const twoFactorEnrolRefusals = {
  alreadyEnabled: { status: 409, key: "twoFactor.alreadyEnabled" },
} satisfies RefusalMap<EnrolRefusal>;

export const twoFactorConfirmRefusals = {
  wrongCode: { status: 400, key: "twoFactor.wrongCode", field: "code" },
  throttled: { status: 429, key: "twoFactor.throttled", field: "code" },
  notEnrolling: { status: 409, key: "twoFactor.notEnrolling" },
} satisfies RefusalMap<CodeRefusal>;

export const twoFactorDisableRefusals = {
  wrongPassword: { status: 400, key: "account.password.wrongCurrent", field: "password" },
  throttled: { status: 429, key: "account.password.throttled", field: "password" },
} satisfies RefusalMap<DisableRefusal>;
