// The course report for staff: every active learner with progress, last activity and completion, in a fixed
// number of queries whatever the number of learners (the per-learner counts are one GROUP BY).
import { sql } from "kysely";
import { compareVietnameseNames } from "~/i18n/format";
import type { DB } from "~/lib/db.server";
import { progressOf } from "./progress.server";

export type ReportSort = "name" | "progress" | "activity" | "completed";

export interface ReportRow {
  userId: number;
  fullName: string;
  login: string;
  enrolledAt: string;
  lastActivityAt: string | null;
  completedAt: string | null;
  requiredDone: number;
  percent: number;
}

export const REPORT_PAGE_SIZE = 50;

/** All active learners of the course, sorted. Two queries. */
export async function getReportRows(db: DB, input: { programId: number; sort: ReportSort; dir: "asc" | "desc" }) {
  const totalRow = await db
    .selectFrom("lessons as l")
    .innerJoin("course_modules as m", "m.id", "l.module_id")
    .select(sql<number>`count(l.id)`.as("total"))
    .where("m.program_id", "=", input.programId)
    .where("l.required", "=", 1)
    .executeTakeFirstOrThrow();
  const requiredTotal = Number(totalRow.total);
  const done = db
    .selectFrom("lesson_completions as lc")
    .innerJoin("lessons as l", "l.id", "lc.lesson_id")
    .innerJoin("course_modules as m", "m.id", "l.module_id")
    .select(["lc.user_id", sql<number>`count(lc.lesson_id)`.as("done")])
    .where("m.program_id", "=", input.programId)
    .where("l.required", "=", 1)
    .groupBy("lc.user_id")
    .as("d");
  const raw = await db
    .selectFrom("enrolments as e")
    .innerJoin("users as u", "u.id", "e.user_id")
    .leftJoin(done, "d.user_id", "e.user_id")
    .select(["e.user_id", "u.full_name", "u.email", "u.username", "e.enrolled_at", "e.last_activity_at", "e.completed_at", "d.done"])
    .where("e.program_id", "=", input.programId)
    .where("e.status", "=", "active")
    .execute();
  const rows: ReportRow[] = raw.map((r) => {
    const p = progressOf(requiredTotal, Number(r.done ?? 0));
    return {
      userId: r.user_id,
      fullName: r.full_name,
      login: r.email ?? r.username ?? "",
      enrolledAt: r.enrolled_at,
      lastActivityAt: r.last_activity_at,
      completedAt: r.completed_at,
      requiredDone: p.requiredDone,
      percent: p.percent,
    };
  });
  const byName = (a: ReportRow, b: ReportRow) => compareVietnameseNames(a.fullName, b.fullName);
  // Missing times sort last in ascending order; ties fall back to the name.
  const byText = (x: string | null, y: string | null) => (x === y ? 0 : x === null ? 1 : y === null ? -1 : x < y ? -1 : 1);
  const compare: Record<ReportSort, (a: ReportRow, b: ReportRow) => number> = {
    name: byName,
    progress: (a, b) => a.percent - b.percent || byName(a, b),
    activity: (a, b) => byText(a.lastActivityAt, b.lastActivityAt) || byName(a, b),
    completed: (a, b) => byText(a.completedAt, b.completedAt) || byName(a, b),
  };
  rows.sort(compare[input.sort]);
  if (input.dir === "desc") rows.reverse();
  return { requiredTotal, rows };
}

/** Learners per 10 % bucket (0–9 … 90–99) and one bucket for 100 %. */
export function progressDistribution(rows: { percent: number }[]): number[] {
  const buckets = new Array<number>(11).fill(0);
  for (const r of rows) buckets[r.percent >= 100 ? 10 : Math.floor(r.percent / 10)] += 1;
  return buckets;
}

export async function getCourseReport(db: DB, input: { programId: number; sort: ReportSort; dir: "asc" | "desc"; page: number }) {
  const { requiredTotal, rows } = await getReportRows(db, input);
  const pages = Math.max(1, Math.ceil(rows.length / REPORT_PAGE_SIZE));
  const page = Math.min(input.page, pages);
  return {
    requiredTotal,
    total: rows.length,
    completed: rows.filter((r) => r.completedAt).length,
    page,
    pages,
    rows: rows.slice((page - 1) * REPORT_PAGE_SIZE, page * REPORT_PAGE_SIZE),
    distribution: progressDistribution(rows),
  };
}
