// The certificates capability's refusal tables: each reason → its HTTP status, its message and the field it belongs to.
import type { RefusalMap } from "~/lib/refusals";
import type { ReissueRefusal, RevokeRefusal } from "./issue.server";
import type { ManualIssueRefusal } from "./staff.server";
import type { VerifyRefusal } from "./verify.server";

/** Issuing by hand (staff); its reasons include those of automatic issuance (IssueRefusal). */
export const issueRefusals = {
  userNotFound: { status: 404, key: "certificates.errors.userNotFound", field: "identifier" },
  unknownUser: { status: 404, key: "certificates.errors.userNotFound", field: "identifier" },
  unknownProgram: { status: 404, key: "certificates.errors.programNotFound", field: "programId" },
  kindMismatch: { status: 404, key: "certificates.errors.programNotFound", field: "programId" },
  revoked: { status: 409, key: "certificates.errors.revokedBefore", field: "programId" },
} satisfies RefusalMap<ManualIssueRefusal>;

export const revokeRefusals = {
  notFound: { status: 404, key: "certificates.errors.notFound" },
  superseded: { status: 409, key: "certificates.errors.notValid" },
} satisfies RefusalMap<RevokeRefusal>;

export const reissueRefusals = {
  notFound: { status: 404, key: "certificates.errors.notFound" },
  notValid: { status: 409, key: "certificates.errors.notValid" },
} satisfies RefusalMap<ReissueRefusal>;

export const verifyRefusals = {
  throttled: { status: 429, key: "verify.throttled" },
} satisfies RefusalMap<VerifyRefusal>;
