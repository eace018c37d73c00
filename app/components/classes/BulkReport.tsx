// What was found in a pasted or uploaded list: counts, then each refused line with its reason.
import type { BulkReport } from "~/classes/roster-types";
import { useT } from "~/i18n/react";

export function BulkReportView({ report }: { report: BulkReport }) {
  const t = useT();
  return (
    <section aria-labelledby="bulk-report" className="card mb-6 max-w-3xl" data-testid="bulk-report">
      <h3 id="bulk-report" className="mb-2">
        {t("classes.bulk.report.heading")}
      </h3>
      <ul className="mb-3 space-y-1">
        <li>
          <span className="badge badge-ok">{t("classes.bulk.report.accepted", { count: report.accepted.length })}</span>
        </li>
        <li>
          <span className={`badge ${report.refused.length ? "badge-bad" : "badge-neutral"}`}>{t("classes.bulk.report.refused", { count: report.refused.length })}</span>
        </li>
        {report.headerLine !== null ? <li>{t("classes.bulk.report.header", { line: report.headerLine })}</li> : null}
        {report.emptyLines.length ? <li>{t("classes.bulk.report.empty", { lines: report.emptyLines.join(", ") })}</li> : null}
        {(report.sameName ?? []).map((w) => (
          <li key={`same-${w.line}`} className="alert alert-info" data-testid="same-name">
            {t("classes.bulk.report.sameName", { line: w.line, other: w.otherLine, name: w.text })}
          </li>
        ))}
      </ul>
      {report.refused.length ? (
        <div className="overflow-x-auto">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("classes.bulk.report.line")}</th>
                <th scope="col">{t("classes.bulk.report.text")}</th>
                <th scope="col">{t("classes.bulk.report.reason")}</th>
              </tr>
            </thead>
            <tbody>
              {report.refused.map((r) => (
                <tr key={`${r.line}-${r.reason}`}>
                  <td>{r.line}</td>
                  <td>{r.text}</td>
                  <td>{t(`classes.bulk.reason.${r.reason}`, { other: r.otherLine ?? "" })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
