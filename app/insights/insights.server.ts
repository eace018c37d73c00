// The staff insights of a period: headline figures with the change against the period before, and the numbers
// of every chart, as one view. A fixed number of aggregate queries (queries.server.ts) whatever the data size.
import type { Locale } from "~/i18n";
import { localized } from "~/i18n/localized";
import type { DB } from "~/lib/db.server";
import { analyzeTables } from "~/lib/dialect.server";
import { ok, refuse, type Result } from "~/lib/result";
import { refreshDailySummary, type DailySummary } from "./daily.server";
import { refreshServedSummary } from "./served.server";
import { refreshUnmetSummary } from "./unmet.server";
import { monthsOf, periodOf, weekdayIndex, weeksOf, mondayOf, type Period } from "./period";
import * as q from "./queries.server";
import type { InsightsQuery } from "./schemas";
import { topicLabel } from "./tables";

export type { InsightFilters } from "./queries.server";

/**
 * How many sessions the fill-rate chart shows, and schools the tour chart and the "not visited" list show: the
 * page shows the first ones (its size, and its time, stay the same however large the centre grows: issue 17) and
 * says how many there are; each chart's CSV lists all of them, up to the CSV limits.
 */
export interface InsightLimits {
  sessions: number;
  schools: number;
}
export const PAGE_LIMITS: InsightLimits = { sessions: 15, schools: 10 };
export const CSV_LIMITS: InsightLimits = { sessions: 10_000, schools: 10_000 };
/** The quarterly report (a document to print) keeps longer lists than the page. */
export const REPORT_LIMITS: InsightLimits = { sessions: 60, schools: 50 };

export interface InsightChoices {
  topics: string[];
  /** English names of topics that have one; the Vietnamese topic is the fallback (issue 19). */
  topicNamesEn: Record<string, string>;
  schools: { id: number; name: string }[];
}

export function loadChoices(db: DB): Promise<InsightChoices> {
  return Promise.all([q.topicChoices(db), q.schoolChoices(db)]).then(([topics, schools]) => ({
    topics: topics.map((t) => t.topic),
    topicNamesEn: Object.fromEntries(topics.flatMap((t) => (t.nameEn ? [[t.topic, t.nameEn]] : []))),
    schools,
  }));
}


export type FilterRefusal = "unknownTopic" | "unknownSchool";

/** The filters of a parsed query, refused when the topic or school is not one of the centre's. */
export function resolveFilters(query: InsightsQuery, choices: InsightChoices): Result<q.InsightFilters, FilterRefusal> {
  if (query.topic && !choices.topics.includes(query.topic)) return refuse("unknownTopic");
  if (query.school && !choices.schools.some((s) => s.id === query.school)) return refuse("unknownSchool");
  return ok({ kind: query.kind, topic: query.topic, schoolId: query.school });
}

/** The summaries' tables (what `refreshInsightSummaries` may rewrite in bulk). */
const SUMMARY_TABLES = [
  "student_served_years",
  "student_served_topic_years",
  "student_served_counts",
  "school_served_years",
  "insight_days",
  "insight_funnel_days",
  "meeting_marks",
  "unmet_years",
  "unmet_topic_years",
];

/**
 * Brings every insights summary up to date (migrations 0027, 0030–0033): what their triggers marked since they were
 * last read. Run at start, so the first page after an upgrade (whose migrations mark every row: seconds at 100,000
 * students) or a bulk import does not pay for it; each page view refreshes again, cheaply, before it reads. A
 * refresh that took long rewrote much: PostgreSQL's statistics of the summaries are refreshed then. Returns the
 * milliseconds it took.
 */
export async function refreshInsightSummaries(db: DB): Promise<number> {
  const started = Date.now();
  await refreshServedSummary(db);
  await refreshDailySummary(db);
  await refreshUnmetSummary(db);
  const ms = Date.now() - started;
  if (ms > 1000) await analyzeTables(db, SUMMARY_TABLES);
  return ms;
}

export function periodOfQuery(query: InsightsQuery, now: string): Period {
  return periodOf({ preset: query.range, from: query.from, to: query.to, now });
}

export type HeadlineKey = "students" | "schools" | "seats" | "fillRate" | "attendanceRate" | "coursesCompleted" | "tourVisits" | "tourVisitors" | "certificates";

export interface HeadlineFigure {
  key: HeadlineKey;
  /** "count" figures are whole numbers; "rate" figures are fractions 0–1 (null when there is nothing to divide). */
  format: "count" | "rate";
  current: number | null;
  previous: number | null;
}

export type TimeBand = "morning" | "afternoon" | "evening";

export interface InsightsView {
  period: Period;
  /** How many rows the lists were cut to (PAGE_LIMITS or CSV_LIMITS). */
  limits: InsightLimits;
  headline: HeadlineFigure[];
  weekly: { week: string; registrations: number; attended: number; marked: number }[];
  fill: { sessionId: number; title: string; startsAt: string; capacity: number; filled: number; rate: number }[];
  sessionCount: number;
  unmet: { programId: number; title: string; unmet: number; typicalCapacity: number; sessionsNeeded: number }[];
  unmetTopics: { topic: string; label: string; unmet: number; typicalCapacity: number; sessionsNeeded: number }[];
  funnel: { enrolled: number; started: number; half: number; completed: number };
  toursBySchool: { schoolId: number; name: string; district: string; visits: number; visitors: number }[];
  toursByDistrict: { district: string; schools: number; visits: number; visitors: number }[];
  notVisited: { total: number; schools: { id: number; name: string; district: string }[] };
  noShowByWeekday: { weekday: number; absent: number; marked: number; rate: number | null }[];
  noShowByTime: { band: TimeBand; absent: number; marked: number; rate: number | null }[];
  certificatesByMonth: { month: string; issued: number; revoked: number }[];
}

const rate = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

/** Sessions needed to seat everyone waiting: ceiling(unmet / typical capacity), typical = rounded average. */
export function sessionsNeeded(unmet: number, averageCapacity: number): { typicalCapacity: number; sessionsNeeded: number } {
  const typicalCapacity = Math.max(1, Math.round(averageCapacity || 0));
  return { typicalCapacity, sessionsNeeded: unmet > 0 ? Math.ceil(unmet / typicalCapacity) : 0 };
}

export function timeBandOf(hour: number): TimeBand {
  return hour < 12 ? "morning" : hour < 17 ? "afternoon" : "evening";
}

export async function loadInsights(
  db: DB,
  input: { period: Period; filters: q.InsightFilters; locale: Locale; limits?: InsightLimits },
): Promise<InsightsView> {
  return (await loadInsightsWithSummary(db, input)).view;
}

/** The insights view, and the day summary's proof of refresh for a caller's further queries (the quarterly report). */
export async function loadInsightsWithSummary(
  db: DB,
  input: { period: Period; filters: q.InsightFilters; locale: Locale; limits?: InsightLimits },
): Promise<{ view: InsightsView; daily: DailySummary | undefined }> {
  const { period, filters: f, locale, limits = PAGE_LIMITS } = input;
  const w: q.Window = { prevFrom: period.previous.from, from: period.from, to: period.to };
  const span: q.Span = { from: period.from, to: period.to };
  // Run one after another: SQLite has one connection anyway, and a PostgreSQL pool is shared by every request.
  // Sums per day and per meeting, and unmet demand, come from their summaries (brought up to date first) unless a
  // school is chosen.
  const daily = f.schoolId ? undefined : await refreshDailySummary(db);
  const unmetSummary = f.schoolId ? undefined : await refreshUnmetSummary(db);
  const { students, schools } = await q.studentsAndSchoolsServed(db, w, f);
  const seatFigures = await q.seats(db, w, f);
  const att = await q.attendance(db, w, f, daily);
  const completed = await q.coursesCompleted(db, w, f, daily);
  const tours = await q.tourVisitors(db, w, f);
  // The previous period only: the current one is the sum of the months below (the same certificates, one read less).
  const certsBefore = await q.certificatesIssued(db, { prevFrom: w.prevFrom, from: w.from, to: w.from }, f, daily);
  const regsByDay = await q.registrationsByDay(db, span, f, daily);
  const attByHour = await q.attendanceByHour(db, span, f, daily);
  const fill = await q.sessionFill(db, span, f, limits.sessions);
  const unmet = await q.unmetByProgram(db, span, f, unmetSummary);
  const unmetTopics = await q.unmetByTopic(db, span, f, unmetSummary);
  const funnel = await q.courseFunnel(db, span, f, daily);
  const bySchool = await q.toursBySchool(db, span, f, limits.schools);
  const byDistrict = await q.toursByDistrict(db, span, f);
  const notVisited = await q.schoolsNotVisited(db, span, f, limits.schools);
  const certMonths = await q.certificatesByMonth(db, span, f, daily);

  const count = (key: HeadlineKey, p: q.Pair): HeadlineFigure => ({ key, format: "count", current: p.cur, previous: p.prev });
  const headline: HeadlineFigure[] = [
    count("students", students),
    count("schools", schools),
    count("seats", seatFigures.filled),
    { key: "fillRate", format: "rate", current: rate(seatFigures.filled.cur, seatFigures.capacity.cur), previous: rate(seatFigures.filled.prev, seatFigures.capacity.prev) },
    { key: "attendanceRate", format: "rate", current: rate(att.attended.cur, att.marked.cur), previous: rate(att.attended.prev, att.marked.prev) },
    count("coursesCompleted", completed),
    count("tourVisitors", tours.visitors),
    count("certificates", { cur: certMonths.reduce((a, m) => a + m.issued, 0), prev: certsBefore.prev }),
  ];

  // Weeks start on Monday (Vietnam calendar); the first and last may be partial weeks of the period.
  const weeks = new Map(weeksOf(period.fromDate, period.toDate).map((wk) => [wk, { week: wk, registrations: 0, attended: 0, marked: 0 }]));
  for (const r of regsByDay) {
    const wk = weeks.get(mondayOf(r.day));
    if (wk) wk.registrations += r.registrations;
  }
  const weekdays = Array.from({ length: 7 }, (_, weekday) => ({ weekday, absent: 0, marked: 0 }));
  const bands = (["morning", "afternoon", "evening"] as const).map((band) => ({ band, absent: 0, marked: 0 }));
  for (const r of attByHour) {
    const day = r.hour.slice(0, 10);
    const marked = r.attended + r.absent;
    const wk = weeks.get(mondayOf(day));
    if (wk) {
      wk.attended += r.attended;
      wk.marked += marked;
    }
    const wd = weekdays[weekdayIndex(day)];
    wd.absent += r.absent;
    wd.marked += marked;
    const band = bands.find((b) => b.band === timeBandOf(Number(r.hour.slice(11, 13))))!;
    band.absent += r.absent;
    band.marked += marked;
  }

  const months = new Map(monthsOf(period.fromDate, period.toDate).map((m) => [m, { month: m, issued: 0, revoked: 0 }]));
  for (const r of certMonths) {
    const m = months.get(r.month);
    if (m) {
      m.issued += r.issued;
      m.revoked += r.revoked;
    }
  }

  const view: InsightsView = {
    period,
    limits,
    headline,
    weekly: [...weeks.values()],
    fill: fill.map((s) => ({
      sessionId: s.id,
      title: localized(s, "title", locale),
      startsAt: s.starts_at,
      capacity: s.capacity,
      filled: s.filled,
      rate: s.capacity > 0 ? s.filled / s.capacity : 0,
    })),
    sessionCount: seatFigures.sessions.cur,
    unmet: unmet.map((u) => ({ programId: u.program_id, title: localized(u, "title", locale), unmet: u.unmet, ...sessionsNeeded(u.unmet, u.typical_capacity) })),
    unmetTopics: unmetTopics.map((u) => ({
      topic: u.topic,
      label: topicLabel(u.topic, u.name_en?.trim(), locale),
      unmet: u.unmet,
      ...sessionsNeeded(u.unmet, u.typical_capacity),
    })),
    funnel,
    toursBySchool: bySchool.map((b) => ({ schoolId: b.school_id, name: b.name, district: b.district, visits: b.visits, visitors: b.visitors })),
    toursByDistrict: byDistrict,
    notVisited: { total: notVisited.total, schools: notVisited.rows },
    noShowByWeekday: weekdays.map((d) => ({ ...d, rate: rate(d.absent, d.marked) })),
    noShowByTime: bands.map((b) => ({ ...b, rate: rate(b.absent, b.marked) })),
    certificatesByMonth: [...months.values()],
  };
  return { view, daily };
}
