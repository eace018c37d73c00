import type { LoaderFunctionArgs } from "@remix-run/node";
import { pdfResponse } from "~/lib/pdf.server";
import { loadChoices, periodOfQuery, resolveFilters } from "~/insights/insights.server";
import { renderQuarterlyPdf } from "~/insights/pdf.server";
import { loadQuarterlyReport } from "~/insights/quarterly.server";
import { insightsQuerySchema } from "~/insights/schemas";
import { resolveLocale } from "~/i18n/locale.server";
import { db } from "~/lib/db.server";
import { parseParam } from "~/lib/forms.server";
import { requireStaff } from "~/lib/guards.server";
import { badRequest } from "~/lib/http.server";
import { nowIso } from "~/lib/time";

// The quarterly report (same period and filters as /staff/insights) as a PDF for the province.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaff(request);
  const locale = await resolveLocale(request, user);
  const query = parseParam(insightsQuerySchema, Object.fromEntries(new URL(request.url).searchParams));
  const filters = resolveFilters(query, await loadChoices(db));
  if (!filters.ok) throw badRequest();
  const now = nowIso();
  const view = await loadQuarterlyReport(db, { period: periodOfQuery(query, now), filters: filters.value, locale });
  const bytes = await renderQuarterlyPdf(view, { locale, generatedAt: now });
  return pdfResponse(bytes, `report-${view.insights.period.fromDate}-${view.insights.period.toDate}.pdf`, "attachment");
}
