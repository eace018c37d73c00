// The progress matrix as CSV (UTF-8 with BOM, so Excel shows Vietnamese names), in the user's language.
import { createTranslator, type Locale } from "~/i18n";
import { formatDate } from "~/i18n/format";
import { slugify } from "~/lib/text";
import { toCsv } from "~/lib/csv.server";
import type { Cell, Column, MatrixRow } from "./progress.server";

function cellText(cell: Cell, t: ReturnType<typeof createTranslator>): string {
  if (cell.kind === "course") {
    if (!cell.enrolled && !cell.completedAt) return t("classes.status.notEnrolled");
    return `${cell.percent}%${cell.completedAt ? ` (${t("classes.status.completed")})` : ""}`;
  }
  if (cell.kind === "session") return t(`classes.status.${cell.state}`) + (cell.state === "waitlisted" && cell.position ? ` #${cell.position}` : "");
  return t(cell.done ? "classes.status.tourDone" : "classes.status.tourNotOn");
}

/** The file name and the text of the export; the route sends it. */
export function progressCsv(className: string, matrix: { columns: Column[]; rows: MatrixRow[] }, locale: Locale): { filename: string; csv: string } {
  const t = createTranslator(locale);
  const header = [
    t("classes.csv.student"),
    t("classes.csv.username"),
    ...matrix.columns.map((c) =>
      c.kind === "course"
        ? t("classes.progress.courseCol", { title: c.title })
        : c.kind === "session"
          ? t("classes.progress.sessionCol", { title: c.title, date: formatDate(locale, c.startsAt) })
          : t("classes.progress.tourCol", { title: c.title }),
    ),
    t("classes.csv.total"),
  ];
  const rows = matrix.rows.map((r) => [r.fullName, r.username ?? "", ...r.cells.map((c) => cellText(c, t)), r.total ?? ""]);
  return { filename: `tien-do-${slugify(className) || "lop"}.csv`, csv: toCsv(header, rows) };
}
