// The insights page's query string: a range preset (or custom dates) and optional filters.
import { z } from "zod";
import { dateSchema, idSchema } from "~/lib/schemas";
import { daysInclusive, MAX_RANGE_DAYS } from "./period";

export const RANGE_PRESETS = ["month", "quarter", "year", "custom"] as const;
export const INSIGHT_KINDS = ["workshop", "course", "tour"] as const;
/** The tables that can be downloaded as CSV (each chart's numbers, and the headline figures). */
export const INSIGHT_TABLES = ["headline", "weekly", "fill", "unmet", "unmetTopics", "funnel", "toursBySchool", "toursByDistrict", "notVisited", "noShow", "certificates"] as const;
export type InsightTable = (typeof INSIGHT_TABLES)[number];

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/** The period fields every report shares (insights, the school report, the quarterly export). */
const rangeShape = {
  range: z.preprocess(blankToUndefined, z.enum(RANGE_PRESETS, { error: "validation.choice" }).default("quarter")),
  from: z.preprocess(blankToUndefined, dateSchema.optional()),
  to: z.preprocess(blankToUndefined, dateSchema.optional()),
};

/** Custom ranges need both dates, in order, at most 3 years apart. */
function refineRange(v: { range: string; from?: string; to?: string }, ctx: z.RefinementCtx) {
  if (v.range !== "custom") return;
  if (!v.from) ctx.addIssue({ code: "custom", path: ["from"], message: "validation.required" });
  if (!v.to) ctx.addIssue({ code: "custom", path: ["to"], message: "validation.required" });
  if (!v.from || !v.to) return;
  if (v.to < v.from) ctx.addIssue({ code: "custom", path: ["to"], message: "insights.error.order" });
  else if (daysInclusive(v.from, v.to) > MAX_RANGE_DAYS) ctx.addIssue({ code: "custom", path: ["to"], message: "insights.error.tooLong" });
}

export const insightsQuerySchema = z
  .object({
    ...rangeShape,
    kind: z.preprocess(blankToUndefined, z.enum(INSIGHT_KINDS, { error: "validation.choice" }).optional()),
    topic: z.preprocess(blankToUndefined, z.string().trim().toLowerCase().max(50, { error: "validation.invalid" }).optional()),
    school: z.preprocess(blankToUndefined, idSchema.optional()),
  })
  .superRefine(refineRange);

/** The school report's query: the same period fields, and the school (coordinators of one school may leave it out). */
export const schoolReportQuerySchema = z
  .object({ ...rangeShape, school: z.preprocess(blankToUndefined, idSchema.optional()) })
  .superRefine(refineRange);
export type SchoolReportQuery = z.output<typeof schoolReportQuerySchema>;

export const SCHOOL_TABLES = ["headline", "programs", "funnel", "tours", "certificates"] as const;
export type SchoolTable = (typeof SCHOOL_TABLES)[number];
export const schoolCsvSchema = z.object({ table: z.enum(SCHOOL_TABLES) });

export type InsightsQuery = z.output<typeof insightsQuerySchema>;

export const insightsCsvSchema = z.object({ table: z.enum(INSIGHT_TABLES) });
