// The refusal table of schools: each reason a schools function can refuse with → HTTP status, message, field.
import type { RefusalMap } from "~/lib/refusals";
import type { SchoolRefusal } from "./schools.server";

export const schoolRefusals = {
  unknownSchool: { status: 409, key: "schools.errors.notFound", field: "schoolId" },
  alreadyMember: { status: 409, key: "schools.errors.alreadyMember", field: "schoolId" },
  notCoordinator: { status: 403, key: "schools.errors.notCoordinator" },
  alreadyDecided: { status: 409, key: "schools.errors.alreadyDecided" },
} satisfies RefusalMap<SchoolRefusal>;
