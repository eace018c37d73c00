// Server-rendered SVG charts (no JavaScript needed): scales from d3-scale, paths from d3-shape. Each chart has a
// <title> and <desc> for screen readers; the page shows its numbers as a table beside it (ChartFigure).
import { scaleBand, scaleLinear, scalePoint } from "d3-scale";
import { line } from "d3-shape";
import type { ReactNode } from "react";

/** The centre's accent (teal 700) and a second colour with the same contrast on white (amber 700). */
export const CHART_COLOURS = ["#0f766e", "#b45309", "#1d4ed8"];
const INK = "#334155";
const GRID = "#e2e8f0";

export interface BarRow {
  label: string;
  value: number;
  /** What is written at the end of the bar (e.g. "75 %" or "12"). */
  display: string;
}

/** Horizontal bars, one per row (labels on the left, value at the end of each bar). */
export function BarChart({ id, title, desc, rows, max, colour = CHART_COLOURS[0] }: { id: string; title: string; desc: string; rows: BarRow[]; max?: number; colour?: string }) {
  const width = 640;
  const labelWidth = 220;
  const valueWidth = 70;
  const barHeight = 26;
  const height = Math.max(1, rows.length) * barHeight + 8;
  const y = scaleBand<number>()
    .domain(rows.map((_, i) => i))
    .range([4, height - 4])
    .paddingInner(0.25);
  const top = max ?? Math.max(1, ...rows.map((r) => r.value));
  const x = scaleLinear().domain([0, top]).range([0, width - labelWidth - valueWidth]);
  return (
    <svg role="img" aria-labelledby={`${id}-title ${id}-desc`} viewBox={`0 0 ${width} ${height}`} className="chart" width="100%" fontFamily="inherit">
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{desc}</desc>
      {rows.map((r, i) => {
        const w = Math.max(0, x(Math.min(r.value, top)));
        return (
          <g key={i} transform={`translate(0, ${y(i) ?? 0})`}>
            <text x={labelWidth - 8} y={y.bandwidth() / 2} dy="0.35em" textAnchor="end" fontSize="13" fill={INK}>
              {r.label.length > 30 ? `${r.label.slice(0, 29)}…` : r.label}
            </text>
            <rect x={labelWidth} y={0} width={x.range()[1]} height={y.bandwidth()} fill={GRID} />
            <rect x={labelWidth} y={0} width={w} height={y.bandwidth()} fill={colour} />
            <text x={labelWidth + w + 6} y={y.bandwidth() / 2} dy="0.35em" fontSize="13" fill={INK}>
              {r.display}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

export interface Series {
  name: string;
  values: number[];
}

/** Lines over categories on the x axis (e.g. weeks), with a legend naming each line. */
export function LineChart({ id, title, desc, labels, series, formatTick }: { id: string; title: string; desc: string; labels: string[]; series: Series[]; formatTick: (n: number) => string }) {
  const width = 640;
  const height = 260;
  const m = { top: 28, right: 16, bottom: 36, left: 44 };
  const x = scalePoint<number>()
    .domain(labels.map((_, i) => i))
    .range([m.left, width - m.right])
    .padding(0.3);
  const top = Math.max(1, ...series.flatMap((s) => s.values));
  const y = scaleLinear().domain([0, top]).nice().range([height - m.bottom, m.top]);
  const path = line<number>()
    .x((_, i) => x(i) ?? 0)
    .y((v) => y(v));
  const every = Math.max(1, Math.ceil(labels.length / 8));
  return (
    <svg role="img" aria-labelledby={`${id}-title ${id}-desc`} viewBox={`0 0 ${width} ${height}`} className="chart" width="100%" fontFamily="inherit">
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{desc}</desc>
      {y.ticks(4).map((t) => (
        <g key={t}>
          <line x1={m.left} x2={width - m.right} y1={y(t)} y2={y(t)} stroke={GRID} />
          <text x={m.left - 6} y={y(t)} dy="0.35em" textAnchor="end" fontSize="12" fill={INK}>
            {formatTick(t)}
          </text>
        </g>
      ))}
      {labels.map((l, i) =>
        i % every === 0 ? (
          <text key={i} x={x(i)} y={height - m.bottom + 18} textAnchor="middle" fontSize="12" fill={INK}>
            {l}
          </text>
        ) : null,
      )}
      {series.map((s, k) => (
        <g key={s.name}>
          <path d={path(s.values) ?? ""} fill="none" stroke={CHART_COLOURS[k % CHART_COLOURS.length]} strokeWidth={2.5} strokeDasharray={k === 1 ? "6 4" : undefined} />
          {s.values.map((v, i) => (
            <circle key={i} cx={x(i)} cy={y(v)} r={3} fill={CHART_COLOURS[k % CHART_COLOURS.length]} />
          ))}
          <g transform={`translate(${m.left + k * 180}, 12)`}>
            <line x1={0} x2={24} y1={0} y2={0} stroke={CHART_COLOURS[k % CHART_COLOURS.length]} strokeWidth={2.5} strokeDasharray={k === 1 ? "6 4" : undefined} />
            <text x={30} y={0} dy="0.35em" fontSize="12" fill={INK}>
              {s.name}
            </text>
          </g>
        </g>
      ))}
    </svg>
  );
}

/**
 * A small line over weeks for a dashboard card: values 0–100 (null = no data, the line breaks there), the last
 * value written at its end. Titled and described for screen readers; the page shows the numbers in a table too.
 */
export function SmallLineChart({ id, title, desc, labels, values, display }: { id: string; title: string; desc: string; labels: string[]; values: (number | null)[]; display: (v: number) => string }) {
  const width = 320;
  const height = 96;
  const m = { top: 10, right: 44, bottom: 20, left: 28 };
  const x = scalePoint<number>()
    .domain(labels.map((_, i) => i))
    .range([m.left, width - m.right]);
  const y = scaleLinear().domain([0, 100]).range([height - m.bottom, m.top]);
  const path = line<number | null>()
    .defined((v) => v !== null)
    .x((_, i) => x(i) ?? 0)
    .y((v) => y(v ?? 0));
  const lastIndex = values.map((v, i) => (v === null ? -1 : i)).reduce((a, b) => Math.max(a, b), -1);
  return (
    <svg role="img" aria-labelledby={`${id}-title ${id}-desc`} viewBox={`0 0 ${width} ${height}`} className="chart" width="100%" style={{ maxWidth: width }} fontFamily="inherit">
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{desc}</desc>
      {[0, 50, 100].map((t) => (
        <g key={t}>
          <line x1={m.left} x2={width - m.right} y1={y(t)} y2={y(t)} stroke={GRID} />
          <text x={m.left - 4} y={y(t)} dy="0.35em" textAnchor="end" fontSize="10" fill={INK}>
            {t}
          </text>
        </g>
      ))}
      <text x={x(0)} y={height - 6} fontSize="10" fill={INK}>
        {labels[0]}
      </text>
      <text x={x(labels.length - 1)} y={height - 6} textAnchor="end" fontSize="10" fill={INK}>
        {labels[labels.length - 1]}
      </text>
      <path d={path(values) ?? ""} fill="none" stroke={CHART_COLOURS[0]} strokeWidth={2} />
      {values.map((v, i) => (v === null ? null : <circle key={i} cx={x(i)} cy={y(v)} r={2.5} fill={CHART_COLOURS[0]} />))}
      {lastIndex >= 0 ? (
        <text x={(x(lastIndex) ?? 0) + 6} y={y(values[lastIndex]!)} dy="0.35em" fontSize="11" fill={INK}>
          {display(values[lastIndex]!)}
        </text>
      ) : null}
    </svg>
  );
}

/** A chart section: heading, description, the chart, its numbers as a table and a CSV link. */
export function ChartFigure(props: {
  id: string;
  title: string;
  desc?: string;
  chart?: ReactNode;
  table: ReactNode;
  tableLabel: string;
  /** Long tables (a year of weeks) start folded under a summary; short ones are shown. */
  collapsed?: boolean;
  csvHref: string;
  csvLabel: string;
  note?: ReactNode;
}) {
  const { id, title, desc, chart, table, tableLabel, collapsed, csvHref, csvLabel, note } = props;
  return (
    <section aria-labelledby={`${id}-heading`} className="card mb-6 break-inside-avoid" id={id}>
      <h2 id={`${id}-heading`} className="mb-1 text-lg font-semibold">
        {title}
      </h2>
      {desc ? <p className="mb-3 text-sm text-slate-700">{desc}</p> : null}
      {chart ? <div className="mb-3">{chart}</div> : null}
      {note ? <p className="mb-2 text-sm text-slate-700">{note}</p> : null}
      <details open={!collapsed} className="overflow-x-auto">
        <summary className="cursor-pointer text-sm font-semibold">{tableLabel}</summary>
        {table}
      </details>
      <p className="mt-2 text-sm print:hidden">
        <a href={csvHref} download>
          {csvLabel}
        </a>
      </p>
    </section>
  );
}
