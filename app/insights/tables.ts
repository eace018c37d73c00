// The numbers of every chart as a table: the page renders these tables under the charts and the CSV export
// writes the same rows, so the two cannot disagree. Pure (safe in the browser).
import type { Locale, Translate } from "~/i18n";
import { formatDate, formatDateTime, formatMonth, formatNumber, formatPercent } from "~/i18n/format";
import { vnLocalToIso } from "~/lib/time";
import type { HeadlineFigure, InsightsView } from "./insights.server";
import type { ProgramFigures, SchoolReportView } from "./school-report.server";
import type { InsightTable, SchoolTable } from "./schemas";

/** A topic's name in the reader's language: English where the centre gave one, else the Vietnamese topic (issue 19). */
export const topicLabel = (topic: string, nameEn: string | null | undefined, locale: Locale) =>
  locale === "en" && nameEn ? nameEn : topic;

export type Cell =
  | { t: "text"; v: string }
  | { t: "count"; v: number }
  | { t: "rate"; v: number | null }
  | { t: "date"; v: string } // "2026-10-05" (Vietnam)
  | { t: "instant"; v: string } // ISO UTC
  | { t: "month"; v: string }; // "2026-10"

export interface Table {
  header: { label: string; numeric: boolean }[];
  rows: Cell[][];
}

const text = (v: string): Cell => ({ t: "text", v });
const count = (v: number): Cell => ({ t: "count", v });
const rateCell = (v: number | null): Cell => ({ t: "rate", v });
const col = (label: string, numeric = false) => ({ label, numeric });
const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

export function buildTable(view: InsightsView, table: InsightTable, t: Translate): Table {
  switch (table) {
    case "headline":
      return headlineTable(view.headline, t);
    case "weekly":
      return {
        header: [col(t("insights.col.week")), col(t("insights.col.registrations"), true), col(t("insights.col.attended"), true), col(t("insights.col.marked"), true)],
        rows: view.weekly.map((w) => [{ t: "date", v: w.week }, count(w.registrations), count(w.attended), count(w.marked)]),
      };
    case "fill":
      return {
        header: [col(t("insights.col.session")), col(t("insights.col.startsAt")), col(t("insights.col.filled"), true), col(t("insights.col.capacity"), true), col(t("insights.col.rate"), true)],
        rows: view.fill.map((s) => [text(s.title), { t: "instant", v: s.startsAt }, count(s.filled), count(s.capacity), rateCell(s.rate)]),
      };
    case "unmet":
      return {
        header: [col(t("insights.col.program")), col(t("insights.col.unmet"), true), col(t("insights.col.typicalCapacity"), true), col(t("insights.col.sessionsNeeded"), true)],
        rows: view.unmet.map((u) => [text(u.title), count(u.unmet), count(u.typicalCapacity), count(u.sessionsNeeded)]),
      };
    case "unmetTopics":
      return {
        header: [col(t("insights.col.topic")), col(t("insights.col.unmet"), true), col(t("insights.col.typicalCapacity"), true), col(t("insights.col.sessionsNeeded"), true)],
        rows: view.unmetTopics.map((u) => [text(u.label), count(u.unmet), count(u.typicalCapacity), count(u.sessionsNeeded)]),
      };
    case "funnel":
      return funnelTable(view.funnel, t);
    case "toursBySchool":
      return {
        header: [col(t("insights.col.school")), col(t("insights.col.district")), col(t("insights.col.visits"), true), col(t("insights.col.visitors"), true)],
        rows: view.toursBySchool.map((s) => [text(s.name), text(s.district || t("insights.noDistrict")), count(s.visits), count(s.visitors)]),
      };
    case "toursByDistrict":
      return {
        header: [col(t("insights.col.district")), col(t("insights.col.schools"), true), col(t("insights.col.visits"), true), col(t("insights.col.visitors"), true)],
        rows: view.toursByDistrict.map((d) => [text(d.district || t("insights.noDistrict")), count(d.schools), count(d.visits), count(d.visitors)]),
      };
    case "notVisited":
      return {
        header: [col(t("insights.col.school")), col(t("insights.col.district"))],
        rows: view.notVisited.schools.map((s) => [text(s.name), text(s.district || t("insights.noDistrict"))]),
      };
    case "noShow":
      return {
        header: [col(t("insights.col.weekday")), col(t("insights.col.absent"), true), col(t("insights.col.marked"), true), col(t("insights.col.rate"), true)],
        rows: [
          ...view.noShowByWeekday.map((d) => [text(t(`insights.weekday.${d.weekday}` as never)), count(d.absent), count(d.marked), rateCell(d.rate)]),
          ...view.noShowByTime.map((b) => [text(t(`insights.band.${b.band}`)), count(b.absent), count(b.marked), rateCell(b.rate)]),
        ],
      };
    case "certificates":
      return certificatesTable(view.certificatesByMonth, t);
  }
}

function headlineTable(headline: HeadlineFigure[], t: Translate): Table {
  return {
    header: [col(t("insights.col.figure")), col(t("insights.col.current"), true), col(t("insights.col.previous"), true)],
    rows: headline.map((h) =>
      h.format === "rate" ? [text(t(`insights.figure.${h.key}`)), rateCell(h.current), rateCell(h.previous)] : [text(t(`insights.figure.${h.key}`)), count(h.current ?? 0), count(h.previous ?? 0)],
    ),
  };
}

function funnelTable(f: InsightsView["funnel"], t: Translate): Table {
  const steps = [
    ["enrolled", f.enrolled],
    ["started", f.started],
    ["half", f.half],
    ["completed", f.completed],
  ] as const;
  return {
    header: [col(t("insights.col.step")), col(t("insights.col.count"), true), col(t("insights.col.rate"), true)],
    rows: steps.map(([k, n]) => [text(t(`insights.funnel.${k}`)), count(n), rateCell(ratio(n, f.enrolled))]),
  };
}

function certificatesTable(months: InsightsView["certificatesByMonth"], t: Translate): Table {
  return {
    header: [col(t("insights.col.month")), col(t("insights.col.issued"), true), col(t("insights.col.revoked"), true)],
    rows: months.map((m) => [{ t: "month", v: m.month }, count(m.issued), count(m.revoked)]),
  };
}

/**
 * One row per program: what its students did in the period. The centre's version (quarterly report) adds the
 * sessions' capacity, fill rate and the unmet demand (waitlisted students never seated).
 */
export function programsTable(programs: (ProgramFigures & { unmet?: number })[], t: Translate, opts: { centre: boolean }): Table {
  const kind = (k: string) => t(`insights.kind.${k as "workshop" | "course" | "tour"}`);
  return {
    header: [
      col(t("insights.col.program")),
      col(t("insights.col.kind")),
      col(t("insights.col.students"), true),
      col(t("insights.col.seats"), true),
      ...(opts.centre ? [col(t("insights.col.capacity"), true), col(t("insights.col.rate"), true)] : []),
      col(t("insights.col.attended"), true),
      col(t("insights.col.marked"), true),
      col(t("insights.col.completed"), true),
      col(t("insights.col.certificates"), true),
      col(t("insights.col.tourVisitors"), true),
      ...(opts.centre ? [col(t("insights.col.unmet"), true)] : []),
    ],
    rows: programs.map((p) => [
      text(p.title),
      text(kind(p.kind)),
      count(p.students),
      count(p.seats),
      ...(opts.centre ? [count(p.capacity), rateCell(ratio(p.seats, p.capacity))] : []),
      count(p.attended),
      count(p.marked),
      count(p.completed),
      count(p.certificates),
      count(p.visitors),
      ...(opts.centre ? [count(p.unmet ?? 0)] : []),
    ]),
  };
}

/** The school report's tables, built like the insights' ones (the page and its CSV share them). */
export function buildSchoolTable(view: SchoolReportView, table: SchoolTable, t: Translate): Table {
  switch (table) {
    case "headline":
      return headlineTable(view.headline, t);
    case "programs":
      return programsTable(view.programs, t, { centre: false });
    case "funnel":
      return funnelTable(view.funnel, t);
    case "tours":
      return {
        header: [col(t("insights.col.startsAt")), col(t("insights.col.program")), col(t("insights.col.status")), col(t("insights.col.booked"), true), col(t("insights.col.came"), true)],
        rows: view.tours.map((r) => [
          { t: "instant", v: r.startsAt },
          text(r.title),
          text(t(`insights.tourStatus.${r.status as "requested" | "confirmed" | "completed"}`)),
          count(r.students),
          r.actualStudents === null ? text("—") : count(r.actualStudents),
        ]),
      };
    case "certificates":
      return certificatesTable(view.certificatesByMonth, t);
  }
}

/** A cell as the page shows it. */
export function formatCell(locale: Locale, c: Cell, t: Translate): string {
  switch (c.t) {
    case "text":
      return c.v;
    case "count":
      return formatNumber(locale, c.v);
    case "rate":
      return c.v === null ? t("insights.notApplicable") : formatPercent(locale, c.v);
    case "date":
      return formatDate(locale, vnLocalToIso(c.v, "00:00"));
    case "instant":
      return formatDateTime(locale, c.v);
    case "month":
      return formatMonth(locale, c.v);
  }
}

/** A cell as the CSV has it: counts stay numbers, rates are percentages with one decimal. */
export function csvCell(locale: Locale, c: Cell, t: Translate): string | number {
  if (c.t === "count") return c.v;
  if (c.t === "rate") return c.v === null ? "" : Math.round(c.v * 1000) / 10;
  return formatCell(locale, c, t);
}
