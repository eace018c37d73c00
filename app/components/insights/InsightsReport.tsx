// The insights of one period: headline cards, then each chart with its table and CSV link.
import type { InsightsView } from "~/insights/insights.server";
import type { InsightTable } from "~/insights/schemas";
import { buildTable, formatCell, type Table } from "~/insights/tables";
import { formatDate, formatMonth, formatNumber, formatPercent } from "~/i18n/format";
import { useLocale, useT } from "~/i18n/react";
import { vnLocalToIso } from "~/lib/time";
import { BarChart, ChartFigure, CHART_COLOURS, LineChart, type BarRow } from "./charts";
import { HeadlineFigures } from "./HeadlineFigures";

export function DataTable({ table, caption }: { table: Table; caption: string }) {
  const t = useT();
  const locale = useLocale();
  return (
    <table className="text-sm">
      <caption className="sr-only">
        {t("insights.dataTable")}: {caption}
      </caption>
      <thead>
        <tr>
          {table.header.map((h) => (
            <th key={h.label} scope="col" className={h.numeric ? "text-right" : undefined}>
              {h.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {table.rows.length === 0 ? (
          <tr>
            <td colSpan={table.header.length}>{t("insights.empty")}</td>
          </tr>
        ) : (
          table.rows.map((r, i) => (
            <tr key={i}>
              {r.map((c, j) =>
                j === 0 ? (
                  <th key={j} scope="row" className="font-normal">
                    {formatCell(locale, c, t)}
                  </th>
                ) : (
                  <td key={j} className={table.header[j]?.numeric ? "text-right tabular-nums" : undefined}>
                    {formatCell(locale, c, t)}
                  </td>
                ),
              )}
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}

export function InsightsReport({ view, search }: { view: InsightsView; search: string }) {
  const t = useT();
  const locale = useLocale();
  const csvHref = (table: InsightTable) => {
    const params = new URLSearchParams(search);
    params.set("table", table);
    return `/staff/insights.csv?${params.toString()}`;
  };
  const day = (d: string) => formatDate(locale, vnLocalToIso(d, "00:00"));
  const pct = (v: number | null) => (v === null ? t("insights.notApplicable") : formatPercent(locale, v));
  const section = (id: InsightTable, title: string, desc: string | undefined, chart: React.ReactNode | null, note?: React.ReactNode) => {
    const table = buildTable(view, id, t);
    return (
      <ChartFigure
        id={`chart-${id}`}
        title={title}
        desc={desc}
        chart={chart}
        note={note}
        table={<DataTable table={table} caption={title} />}
        tableLabel={t("insights.dataTable")}
        collapsed={table.rows.length > 14}
        csvHref={csvHref(id)}
        csvLabel={t("insights.csvOf", { name: title })}
      />
    );
  };
  const bars = (id: string, title: string, desc: string, rows: BarRow[], max?: number, colour?: string) =>
    rows.length === 0 ? <p>{t("insights.empty")}</p> : <BarChart id={id} title={title} desc={desc} rows={rows} max={max} colour={colour} />;
  const count = (n: number) => formatNumber(locale, n);

  return (
    <div>
      <p className="mb-1 font-semibold">{t("insights.periodLabel", { from: day(view.period.fromDate), to: day(view.period.toDate) })}</p>
      <p className="mb-4 text-sm text-slate-700">{t("insights.previousLabel", { from: day(view.period.previous.fromDate), to: day(view.period.previous.toDate) })}</p>

      <section aria-labelledby="headline-heading" className="mb-6">
        <h2 id="headline-heading" className="mb-3 text-lg font-semibold">
          {t("insights.headline")}
        </h2>
        <HeadlineFigures figures={view.headline} showChange itemClassName="card" />
        <details className="mt-3 text-sm">
          <summary>{t("insights.definitions")}</summary>
          <p className="mt-2">{t("insights.definitions.text")}</p>
        </details>
        <p className="mt-2 text-sm print:hidden">
          <a href={csvHref("headline")} download>
            {t("insights.csvOf", { name: t("insights.headline") })}
          </a>
        </p>
      </section>

      {section(
        "weekly",
        t("insights.chart.weekly"),
        t("insights.chart.weekly.desc"),
        <LineChart
          id="svg-weekly"
          title={t("insights.chart.weekly")}
          desc={t("insights.chart.weekly.desc")}
          labels={view.weekly.map((w) => day(w.week))}
          series={[
            { name: t("insights.col.registrations"), values: view.weekly.map((w) => w.registrations) },
            { name: t("insights.col.attended"), values: view.weekly.map((w) => w.attended) },
          ]}
          formatTick={count}
        />,
      )}
      {section(
        "fill",
        t("insights.chart.fill"),
        t("insights.chart.fill.desc"),
        bars(
          "svg-fill",
          t("insights.chart.fill"),
          t("insights.chart.fill.desc"),
          view.fill.map((s) => ({ label: `${s.title} · ${formatDate(locale, s.startsAt)}`, value: s.rate, display: `${pct(s.rate)} (${count(s.filled)}/${count(s.capacity)})` })),
          1,
        ),
        view.sessionCount > view.fill.length ? t("insights.chart.fill.limited", { shown: view.fill.length, total: view.sessionCount }) : undefined,
      )}
      {section(
        "unmet",
        t("insights.chart.unmet"),
        t("insights.chart.unmet.desc"),
        bars(
          "svg-unmet",
          t("insights.chart.unmet"),
          t("insights.chart.unmet.desc"),
          view.unmet.map((u) => ({ label: u.title, value: u.unmet, display: count(u.unmet) })),
          undefined,
          CHART_COLOURS[1],
        ),
      )}
      {section(
        "unmetTopics",
        t("insights.chart.unmetTopics"),
        undefined,
        bars(
          "svg-unmet-topics",
          t("insights.chart.unmetTopics"),
          t("insights.chart.unmet.desc"),
          view.unmetTopics.map((u) => ({ label: u.label, value: u.unmet, display: count(u.unmet) })),
          undefined,
          CHART_COLOURS[1],
        ),
      )}
      {section(
        "funnel",
        t("insights.chart.funnel"),
        t("insights.chart.funnel.desc"),
        bars(
          "svg-funnel",
          t("insights.chart.funnel"),
          t("insights.chart.funnel.desc"),
          (["enrolled", "started", "half", "completed"] as const).map((k) => ({ label: t(`insights.funnel.${k}`), value: view.funnel[k], display: count(view.funnel[k]) })),
          Math.max(1, view.funnel.enrolled),
        ),
      )}
      {section(
        "toursBySchool",
        t("insights.chart.toursBySchool"),
        undefined,
        bars(
          "svg-tours-school",
          t("insights.chart.toursBySchool"),
          t("insights.col.visitors"),
          view.toursBySchool.map((s) => ({ label: s.name, value: s.visitors, display: count(s.visitors) })),
        ),
        view.toursBySchool.length >= view.limits.schools ? t("insights.chart.toursBySchool.limited", { shown: view.toursBySchool.length }) : undefined,
      )}
      {section(
        "toursByDistrict",
        t("insights.chart.toursByDistrict"),
        undefined,
        bars(
          "svg-tours-district",
          t("insights.chart.toursByDistrict"),
          t("insights.col.visitors"),
          view.toursByDistrict.map((d) => ({ label: d.district || t("insights.noDistrict"), value: d.visitors, display: count(d.visitors) })),
        ),
      )}
      {section("notVisited", t("insights.chart.notVisited"), t("insights.chart.notVisited.count", { count: view.notVisited.total, limit: view.limits.schools }), null)}
      {section(
        "noShow",
        t("insights.chart.noShow"),
        t("insights.chart.noShow.desc"),
        <div className="grid gap-4 lg:grid-cols-2">
          <BarChart
            id="svg-noshow-weekday"
            title={t("insights.chart.noShow")}
            desc={t("insights.chart.noShow.desc")}
            rows={view.noShowByWeekday.map((d) => ({ label: t(`insights.weekday.${d.weekday}` as never), value: d.rate ?? 0, display: pct(d.rate) }))}
            max={1}
            colour={CHART_COLOURS[1]}
          />
          <BarChart
            id="svg-noshow-time"
            title={t("insights.chart.noShowTime")}
            desc={t("insights.chart.noShow.desc")}
            rows={view.noShowByTime.map((b) => ({ label: t(`insights.band.${b.band}`), value: b.rate ?? 0, display: pct(b.rate) }))}
            max={1}
            colour={CHART_COLOURS[1]}
          />
        </div>,
      )}
      {section(
        "certificates",
        t("insights.chart.certificates"),
        t("insights.chart.certificates.desc"),
        <BarChart
          id="svg-certificates"
          title={t("insights.chart.certificates")}
          desc={t("insights.chart.certificates.desc")}
          rows={view.certificatesByMonth.map((m) => ({ label: formatMonth(locale, m.month), value: m.issued, display: count(m.issued) }))}
        />,
      )}
    </div>
  );
}
