// Refusals of the insights: a filter that names nothing the centre has.
import type { RefusalMap } from "~/lib/refusals";
import type { FilterRefusal } from "./insights.server";

export const filterRefusals = {
  unknownTopic: { status: 400, key: "insights.error.unknownTopic", field: "topic" },
  unknownSchool: { status: 400, key: "insights.error.unknownSchool", field: "school" },
} satisfies RefusalMap<FilterRefusal>;
