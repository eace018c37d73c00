// Progress distribution as a server-rendered SVG bar chart (no chart library), with a text table for screen readers.
import { useT } from "~/i18n/react";

export function ProgressChart({ buckets }: { buckets: number[] }) {
  const t = useT();
  const max = Math.max(1, ...buckets);
  const width = 560;
  const height = 200;
  const barW = width / buckets.length;
  const label = (i: number) => (i === 10 ? "100%" : `${i * 10}–${i * 10 + 9}%`);
  return (
    <figure className="card">
      <figcaption className="mb-2 font-semibold">{t("courses.report.chartTitle")}</figcaption>
      <svg viewBox={`0 0 ${width} ${height + 40}`} role="img" aria-labelledby="chart-desc" className="h-auto w-full max-w-2xl" data-testid="progress-chart">
        <desc id="chart-desc">{buckets.map((n, i) => `${label(i)}: ${n}`).join("; ")}</desc>
        {buckets.map((n, i) => {
          const h = Math.round((n / max) * (height - 20));
          return (
            <g key={i}>
              <rect x={i * barW + 4} y={height - h} width={barW - 8} height={h} className="fill-current text-accent" />
              <text x={i * barW + barW / 2} y={height - h - 4} textAnchor="middle" fontSize="12">
                {n}
              </text>
              <text x={i * barW + barW / 2} y={height + 16} textAnchor="middle" fontSize="10">
                {i === 10 ? "100" : `${i * 10}`}
              </text>
            </g>
          );
        })}
        <text x={width / 2} y={height + 36} textAnchor="middle" fontSize="11">
          {t("courses.report.chartAxis")}
        </text>
      </svg>
    </figure>
  );
}
