// The quarterly report the centre sends to the province: the insights of a period (headline figures, the main
// charts' numbers) and one row per program. The same view feeds the printable page and the PDF. 17 queries and
// the summaries' refreshes; the per-program figures read the day summary too when they can.
import type { Locale } from "~/i18n";
import type { DB } from "~/lib/db.server";
import { loadInsightsWithSummary, REPORT_LIMITS, type InsightsView } from "./insights.server";
import type { Period } from "./period";
import * as q from "./queries.server";
import { programFiguresOf, type ProgramFigures } from "./school-report.server";

export interface QuarterlyView {
  insights: InsightsView;
  programs: (ProgramFigures & { unmet: number })[];
}

export async function loadQuarterlyReport(db: DB, input: { period: Period; filters: q.InsightFilters; locale: Locale }): Promise<QuarterlyView> {
  const { view: insights, daily } = await loadInsightsWithSummary(db, { ...input, limits: REPORT_LIMITS });
  const rows = await q.programFigures(db, { from: input.period.from, to: input.period.to }, input.filters, daily);
  const unmet = new Map(insights.unmet.map((u) => [u.programId, u.unmet]));
  return { insights, programs: rows.map((r) => ({ ...programFiguresOf(r, input.locale), unmet: unmet.get(r.program_id) ?? 0 })) };
}

/** The tables of the report, in the order the page and the PDF show them. */
export const QUARTERLY_TABLES = ["fill", "unmet", "funnel", "toursByDistrict", "toursBySchool", "notVisited", "noShow", "certificates", "weekly"] as const;
