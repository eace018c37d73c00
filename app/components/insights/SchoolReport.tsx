// The per-school report: headline figures with the change, then each table (and the chart it makes), printable
// on A4 (the `report-sheet` page in app.css) with a CSV link per table.
import type { SchoolReportView } from "~/insights/school-report.server";
import type { SchoolTable } from "~/insights/schemas";
import { buildSchoolTable } from "~/insights/tables";
import { formatDate, formatMonth, formatNumber } from "~/i18n/format";
import { useLocale, useT } from "~/i18n/react";
import { vnLocalToIso } from "~/lib/time";
import { BarChart, ChartFigure } from "./charts";
import { HeadlineFigures } from "./HeadlineFigures";
import { DataTable } from "./InsightsReport";

export function SchoolReport({ view, search }: { view: SchoolReportView; search: string }) {
  const t = useT();
  const locale = useLocale();
  const csvHref = (table: SchoolTable) => {
    const params = new URLSearchParams(search);
    params.set("school", String(view.school.id));
    params.set("table", table);
    return `/school/report.csv?${params.toString()}`;
  };
  const day = (d: string) => formatDate(locale, vnLocalToIso(d, "00:00"));
  const count = (n: number) => formatNumber(locale, n);
  const section = (id: SchoolTable, title: string, desc: string | undefined, chart: React.ReactNode | null, note?: string) => {
    const table = buildSchoolTable(view, id, t);
    return (
      <ChartFigure
        id={`school-${id}`}
        title={title}
        desc={desc}
        chart={chart}
        note={note}
        table={<DataTable table={table} caption={title} />}
        tableLabel={t("insights.dataTable")}
        csvHref={csvHref(id)}
        csvLabel={t("insights.csvOf", { name: title })}
      />
    );
  };
  const headline = buildSchoolTable(view, "headline", t);
  return (
    <div className="report-sheet">
      <h2 className="text-xl font-semibold">{t("schoolReport.heading", { school: view.school.name })}</h2>
      <p className="mb-1 font-semibold">{t("insights.periodLabel", { from: day(view.period.fromDate), to: day(view.period.toDate) })}</p>
      <p className="mb-4 text-sm text-slate-700">{t("insights.previousLabel", { from: day(view.period.previous.fromDate), to: day(view.period.previous.toDate) })}</p>

      <section aria-labelledby="school-headline-heading" className="card mb-6 break-inside-avoid">
        <h2 id="school-headline-heading" className="mb-3 text-lg font-semibold">
          {t("insights.headline")}
        </h2>
        <HeadlineFigures figures={view.headline} showChange={false} listClassName="print:grid-cols-4" itemClassName="rounded border border-slate-200 p-3" />
        <details className="mt-3 overflow-x-auto" open>
          <summary className="cursor-pointer text-sm font-semibold">{t("insights.dataTable")}</summary>
          <DataTable table={headline} caption={t("insights.headline")} />
        </details>
        <p className="mt-2 text-sm print:hidden">
          <a href={csvHref("headline")} download>
            {t("insights.csvOf", { name: t("insights.headline") })}
          </a>
        </p>
      </section>

      {section("programs", t("schoolReport.programs"), t("schoolReport.programs.desc"), null)}
      {section(
        "funnel",
        t("schoolReport.funnel"),
        t("insights.chart.funnel.desc"),
        <BarChart
          id="svg-school-funnel"
          title={t("schoolReport.funnel")}
          desc={t("insights.chart.funnel.desc")}
          rows={(["enrolled", "started", "half", "completed"] as const).map((k) => ({ label: t(`insights.funnel.${k}`), value: view.funnel[k], display: count(view.funnel[k]) }))}
          max={Math.max(1, view.funnel.enrolled)}
        />,
      )}
      {section("tours", t("schoolReport.tours"), undefined, null, view.tours.length >= 100 ? t("schoolReport.tours.limited", { shown: view.tours.length }) : undefined)}
      {section(
        "certificates",
        t("schoolReport.certificates"),
        t("insights.chart.certificates.desc"),
        <BarChart
          id="svg-school-certificates"
          title={t("schoolReport.certificates")}
          desc={t("insights.chart.certificates.desc")}
          rows={view.certificatesByMonth.map((m) => ({ label: formatMonth(locale, m.month), value: m.issued, display: count(m.issued) }))}
        />,
      )}
    </div>
  );
}
