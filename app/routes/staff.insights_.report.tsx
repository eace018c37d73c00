import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useLocation } from "@remix-run/react";
import { DataTable, InsightsReport } from "~/components/insights/InsightsReport";
import { PageHeading } from "~/components/layout";
import { loadChoices, periodOfQuery, resolveFilters } from "~/insights/insights.server";
import { loadQuarterlyReport } from "~/insights/quarterly.server";
import { insightsQuerySchema } from "~/insights/schemas";
import { programsTable } from "~/insights/tables";
import { resolveLocale } from "~/i18n/locale.server";
import { useT } from "~/i18n/react";
import { db } from "~/lib/db.server";
import { parseParam } from "~/lib/forms.server";
import { requireStaff } from "~/lib/guards.server";
import { badRequest } from "~/lib/http.server";
import { nowIso } from "~/lib/time";

// The quarterly report as one printable page (A4): the insights of the period and a row per program.
// Bad input is a 400 here: the period is chosen on /staff/insights, where each field says what is wrong.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaff(request);
  const locale = await resolveLocale(request, user);
  const query = parseParam(insightsQuerySchema, Object.fromEntries(new URL(request.url).searchParams));
  const filters = resolveFilters(query, await loadChoices(db));
  if (!filters.ok) throw badRequest();
  const view = await loadQuarterlyReport(db, { period: periodOfQuery(query, nowIso()), filters: filters.value, locale });
  return data({ view });
}

export default function QuarterlyReportPage() {
  const t = useT();
  const { view } = useLoaderData<typeof loader>();
  const { search } = useLocation();
  return (
    <div className="report-sheet">
      <PageHeading lead={t("quarterly.byProgram.desc")}>{t("quarterly.title")}</PageHeading>
      <p className="mb-4 print:hidden">
        <a href={`/staff/insights/report.pdf${search}`} className="btn" download>
          {t("quarterly.downloadPdf")}
        </a>
      </p>
      <section aria-labelledby="by-program" className="card mb-6 overflow-x-auto">
        <h2 id="by-program" className="mb-2 text-lg font-semibold">
          {t("quarterly.byProgram")}
        </h2>
        <DataTable table={programsTable(view.programs, t, { centre: true })} caption={t("quarterly.byProgram")} />
      </section>
      <InsightsReport view={view.insights} search={search} />
    </div>
  );
}
