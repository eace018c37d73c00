// The refusal table of schools: each reason a schools function can refuse with → HTTP status, message, field.
import type { RefusalMap } from "~/lib/refusals";
import type { RevokeRefusal } from "./revoke.server";
import type { SchoolRefusal } from "./schools.server";

export const schoolRefusals = {
  unknownSchool: { status: 409, key: "schools.errors.notFound", field: "schoolId" },
  alreadyMember: { status: 409, key: "schools.errors.alreadyMember", field: "schoolId" },
  notCoordinator: { status: 403, key: "schools.errors.notCoordinator" },
  alreadyDecided: { status: 409, key: "schools.errors.alreadyDecided" },
} satisfies RefusalMap<SchoolRefusal>;

export const revokeRefusals = {
  notFound: { status: 404, key: "schools.errors.notRevocable" },
} satisfies RefusalMap<RevokeRefusal>;
