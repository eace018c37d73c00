import type { LoaderFunctionArgs } from "@remix-run/node";
import { periodOf } from "~/insights/period";
import { schoolCsvSchema, schoolReportQuerySchema } from "~/insights/schemas";
import { chooseReportSchool, loadSchoolReport, reportSchoolsFor } from "~/insights/school-report.server";
import { buildSchoolTable, csvCell } from "~/insights/tables";
import { createTranslator } from "~/i18n";
import { resolveLocale } from "~/i18n/locale.server";
import { csvResponse, toCsv } from "~/lib/csv.server";
import { db } from "~/lib/db.server";
import { parseParam } from "~/lib/forms.server";
import { requireRole } from "~/lib/guards.server";
import { badRequest, forbidden } from "~/lib/http.server";
import { nowIso } from "~/lib/time";

// One table of the school report (the same numbers as the page) as CSV.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "coordinator", "staff", "admin");
  const locale = await resolveLocale(request, user);
  const sp = new URL(request.url).searchParams;
  const { table } = parseParam(schoolCsvSchema, { table: sp.get("table") });
  const query = parseParam(schoolReportQuerySchema, Object.fromEntries([...sp.entries()].filter(([k]) => k !== "table")));
  const chosen = chooseReportSchool(user, await reportSchoolsFor(db, user), query.school);
  if (!chosen.ok) throw chosen.reason === "notYourSchool" ? forbidden() : badRequest();
  if (!chosen.value) throw badRequest();
  const period = periodOf({ preset: query.range, from: query.from, to: query.to, now: nowIso() });
  const view = await loadSchoolReport(db, { school: chosen.value, period, locale });
  const t = createTranslator(locale);
  const { header, rows } = buildSchoolTable(view, table, t);
  const csv = toCsv(
    header.map((h, i) => (rows[0]?.[i]?.t === "rate" ? `${h.label} (%)` : h.label)),
    rows.map((r) => r.map((c) => csvCell(locale, c, t))),
  );
  return csvResponse(`school-${view.school.id}-${table}-${period.fromDate}-${period.toDate}.csv`, csv);
}
