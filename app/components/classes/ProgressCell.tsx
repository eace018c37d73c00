// One cell of the class progress matrix: a number or a status word, always with a colour that only repeats it.
import type { Cell } from "~/classes/progress-types";
import { useT } from "~/i18n/react";

const SESSION_BADGE: Record<string, string> = {
  attended: "badge-ok",
  absent: "badge-bad",
  waitlisted: "badge-warn",
  confirmed: "badge-neutral",
  cancelled: "badge-neutral",
  none: "badge-neutral",
};

export function ProgressCell({ cell }: { cell: Cell }) {
  const t = useT();
  if (cell.kind === "course") {
    if (!cell.enrolled && !cell.completedAt) return <span className="badge badge-neutral">{t("classes.status.notEnrolled")}</span>;
    return (
      <span className="inline-flex items-center gap-2">
        <span className="progress !w-16" aria-hidden="true">
          <span style={{ width: `${cell.percent}%` }} />
        </span>
        <span className="tabular-nums font-semibold">{cell.percent}%</span>
        {cell.completedAt ? <span className="badge badge-ok">{t("classes.status.completed")}</span> : null}
      </span>
    );
  }
  if (cell.kind === "session") {
    const word = t(`classes.status.${cell.state}`);
    return (
      <span className={`badge ${SESSION_BADGE[cell.state]}`}>
        {word}
        {cell.state === "waitlisted" && cell.position ? ` #${cell.position}` : ""}
        {cell.state === "attended" && cell.meetings > 1 ? ` ${cell.attended}/${cell.meetings}` : ""}
      </span>
    );
  }
  if (!cell.done) return <span className="badge badge-neutral">{t("classes.status.tourNotOn")}</span>;
  return <span className="badge badge-ok">{t("classes.status.tourDone")}</span>;
}
