// Refusals of the insights: a filter that names nothing the centre has.
import type { RefusalMap } from "~/lib/refusals";
import type { FilterRefusal } from "./insights.server";
import type { SchoolReportRefusal } from "./school-report.server";

export const filterRefusals = {
  unknownTopic: { status: 400, key: "insights.error.unknownTopic", field: "topic" },
  unknownSchool: { status: 400, key: "insights.error.unknownSchool", field: "school" },
} satisfies RefusalMap<FilterRefusal>;

/** Refusals of the school report: another school is a 403 (whether it exists or not), an unknown id for staff a 400. */
export const schoolReportRefusals = {
  notYourSchool: { status: 403, key: "error.forbidden.text" },
  unknownSchool: { status: 400, key: "insights.error.unknownSchool", field: "school" },
} satisfies RefusalMap<SchoolReportRefusal>;
