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

export const insightsQuerySchema = z
  .object({
    range: z.preprocess(blankToUndefined, z.enum(RANGE_PRESETS, { error: "validation.choice" }).default("quarter")),
    from: z.preprocess(blankToUndefined, dateSchema.optional()),
    to: z.preprocess(blankToUndefined, dateSchema.optional()),
    kind: z.preprocess(blankToUndefined, z.enum(INSIGHT_KINDS, { error: "validation.choice" }).optional()),
    topic: z.preprocess(blankToUndefined, z.string().trim().toLowerCase().max(50, { error: "validation.invalid" }).optional()),
    school: z.preprocess(blankToUndefined, idSchema.optional()),
  })
  .superRefine((v, ctx) => {
    if (v.range !== "custom") return;
    if (!v.from) ctx.addIssue({ code: "custom", path: ["from"], message: "validation.required" });
    if (!v.to) ctx.addIssue({ code: "custom", path: ["to"], message: "validation.required" });
    if (!v.from || !v.to) return;
    if (v.to < v.from) ctx.addIssue({ code: "custom", path: ["to"], message: "insights.error.order" });
    else if (daysInclusive(v.from, v.to) > MAX_RANGE_DAYS) ctx.addIssue({ code: "custom", path: ["to"], message: "insights.error.tooLong" });
  });

export type InsightsQuery = z.output<typeof insightsQuerySchema>;

export const insightsCsvSchema = z.object({ table: z.enum(INSIGHT_TABLES) });
