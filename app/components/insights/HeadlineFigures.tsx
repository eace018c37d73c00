// The headline figures of a period as cards: the staff insights (with the change against the period before) and the
// school report (figures only; its printed table carries the previous period) share this one list.
import type { HeadlineFigure } from "~/insights/insights.server";
import { formatNumber, formatPercent } from "~/i18n/format";
import { useLocale, useT } from "~/i18n/react";

function Change({ current, previous, rate }: { current: number | null; previous: number | null; rate: boolean }) {
  const t = useT();
  const locale = useLocale();
  if (current === null || previous === null) return <span>{t("insights.change.none")}</span>;
  const diff = current - previous;
  if (Math.abs(diff) < 1e-9) return <span>{t("insights.change.same")}</span>;
  const value = rate ? formatPercent(locale, Math.abs(diff)) : formatNumber(locale, Math.abs(diff));
  return <span>{t(diff > 0 ? "insights.change.up" : "insights.change.down", { value })}</span>;
}

export function HeadlineFigures({ figures, showChange, listClassName = "", itemClassName }: { figures: HeadlineFigure[]; showChange: boolean; listClassName?: string; itemClassName: string }) {
  const t = useT();
  const locale = useLocale();
  return (
    <ul className={`grid gap-3 sm:grid-cols-2 lg:grid-cols-4 ${listClassName}`.trim()}>
      {figures.map((h) => (
        <li key={h.key} className={itemClassName} data-figure={h.key}>
          <p className="text-sm text-slate-700">{t(`insights.figure.${h.key}`)}</p>
          <p className="text-2xl font-bold tabular-nums">
            {h.format === "rate" ? (h.current === null ? t("insights.notApplicable") : formatPercent(locale, h.current)) : formatNumber(locale, h.current ?? 0)}
          </p>
          {showChange ? (
            <p className="text-sm text-slate-700">
              <Change current={h.current} previous={h.previous} rate={h.format === "rate"} />
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
