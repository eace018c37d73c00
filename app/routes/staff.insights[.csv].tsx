import type { LoaderFunctionArgs } from "@remix-run/node";
import { CSV_LIMITS, loadChoices, loadInsights, periodOfQuery, resolveFilters } from "~/insights/insights.server";
import { insightsCsvSchema, insightsQuerySchema } from "~/insights/schemas";
import { buildTable, csvCell } from "~/insights/tables";
import { createTranslator } from "~/i18n";
import { resolveLocale } from "~/i18n/locale.server";
import { csvResponse, toCsv } from "~/lib/csv.server";
import { db } from "~/lib/db.server";
import { parseParam } from "~/lib/forms.server";
import { requireStaff } from "~/lib/guards.server";
import { badRequest } from "~/lib/http.server";
import { nowIso } from "~/lib/time";

// One chart's numbers (or the headline figures) for the same period and filters as the page, as CSV: every
// session and school (up to CSV_LIMITS), where the page shows the first ones.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaff(request);
  const locale = await resolveLocale(request, user);
  const sp = new URL(request.url).searchParams;
  const { table } = parseParam(insightsCsvSchema, { table: sp.get("table") });
  const query = parseParam(insightsQuerySchema, Object.fromEntries([...sp.entries()].filter(([k]) => k !== "table")));
  const filters = resolveFilters(query, await loadChoices(db));
  if (!filters.ok) throw badRequest();
  const view = await loadInsights(db, { period: periodOfQuery(query, nowIso()), filters: filters.value, locale, limits: CSV_LIMITS });
  const t = createTranslator(locale);
  const { header, rows } = buildTable(view, table, t);
  const csv = toCsv(
    header.map((h, i) => (rows[0]?.[i]?.t === "rate" ? `${h.label} (%)` : h.label)),
    rows.map((r) => r.map((c) => csvCell(locale, c, t))),
  );
  return csvResponse(`insights-${table}-${view.period.fromDate}-${view.period.toDate}.csv`, csv);
}
