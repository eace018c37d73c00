// The course report for staff: the active learners of a course with progress, last activity and completion,
// sorted, paged and counted in SQL, in three queries whatever the number of learners (issue 17):
//   1. the number of required lessons;
//   2. the histogram, the total and the number completed (the course's rows of `course_progress_counts`, kept by
//      triggers on enrolments: migration 0035; a few rows whatever the number of learners);
//   3. one page of learners in the chosen order: the page's learners picked from the order's index alone
//      (ORDER BY … LIMIT/OFFSET on the enrolment's columns: migrations 0026 and 0028), then joined to their
//      accounts, so a page costs about a page of rows plus a walk over index entries up to it.
// Progress comes from `enrolments.required_done` (kept with completions, progress.server.ts) and the name order
// from `enrolments.name_key`, the database's copy of the learner's `users.name_key` (app/lib/collation.ts: the
// order of compareVietnameseNames; migration 0028), compared by code point.
import { sql, type Expression, type RawBuilder } from "kysely";
import { byCodePoint } from "~/lib/dialect.server";
import { nearerEnd, reversed, type PageWindow } from "~/lib/paging";
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

async function requiredLessonCount(db: DB, programId: number): Promise<number> {
  const row = await db
    .selectFrom("lessons as l")
    .innerJoin("course_modules as m", "m.id", "l.module_id")
    .select(sql<number>`count(l.id)`.as("total"))
    .where("m.program_id", "=", programId)
    .where("l.required", "=", 1)
    .executeTakeFirstOrThrow();
  return Number(row.total);
}

/** progressOf's percent in SQL: floor(min(done, total) × 100 / total), 0 without required lessons. */
function percentSql(requiredTotal: number): RawBuilder<number> {
  if (requiredTotal <= 0) return sql<number>`0`;
  const total = sql.lit(requiredTotal);
  return sql<number>`((case when e.required_done < ${total} then e.required_done else ${total} end) * 100 / ${total})`;
}

function learners(db: DB, programId: number) {
  return db
    .selectFrom("enrolments as e")
    .where("e.program_id", "=", programId)
    .where("e.status", "=", "active");
}

/** Missing times sort last in ascending order (first in descending), as the JavaScript sort did. */
const missingLast = (column: Expression<string | null>) => sql<number>`(case when ${column} is null then 1 else 0 end)`;

/**
 * The report's order as ORDER BY terms on the enrolment alone: the sort's own key, then the learner's name key
 * (the enrolment's copy, by code point), then the learner. Each order has an index holding exactly these terms
 * (migrations 0026 and 0028). Up to 100 required lessons the percent grows strictly with required_done (never above
 * the total: it counts completed required lessons), so the counter's order is the percent's.
 */
function orderTerms(db: DB, sort: ReportSort, requiredTotal: number): Expression<unknown>[] {
  const ref = (column: "e.required_done" | "e.last_activity_at" | "e.completed_at" | "e.user_id") => sql.ref<string | null>(column);
  const key: Expression<unknown>[] =
    sort === "progress"
      ? [requiredTotal > 0 && requiredTotal <= 100 ? ref("e.required_done") : percentSql(requiredTotal)]
      : sort === "activity"
        ? [missingLast(ref("e.last_activity_at")), ref("e.last_activity_at")]
        : sort === "completed"
          ? [missingLast(ref("e.completed_at")), ref("e.completed_at")]
          : [];
  return [...key, byCodePoint(db, sql.ref("e.name_key")), ref("e.user_id")];
}

/**
 * Learners of the course in the report's order: one page, or all. Ties fall back to the name, then the user id (a
 * stable order across pages); "desc" reverses the whole order. A page is picked from the order's index alone (the
 * learners' ids, read from the nearer end of the order: ~/lib/paging), and only its learners are joined to their
 * accounts: skipping through joined rows cost a user look-up per skipped learner (72 ms for the last page of a
 * 21,000-learner course).
 */
async function reportPage(
  db: DB,
  input: { programId: number; sort: ReportSort; dir: "asc" | "desc"; requiredTotal: number; page?: PageWindow },
): Promise<ReportRow[]> {
  const terms = orderTerms(db, input.sort, input.requiredTotal);
  const inOrder = <Q extends { orderBy: (term: Expression<unknown>, dir: "asc" | "desc") => Q }>(q: Q, dir = input.dir) =>
    terms.reduce((acc, term) => acc.orderBy(term, dir), q);
  const page = input.page;
  const columns = ["e.user_id", "u.full_name", "u.email", "u.username", "e.enrolled_at", "e.last_activity_at", "e.completed_at", "e.required_done"] as const;
  const q =
    page === undefined
      ? learners(db, input.programId).innerJoin("users as u", "u.id", "e.user_id").select(columns)
      : // From the page's learners to their enrolments and accounts (CROSS JOIN keeps that order on SQLite, which
        // otherwise walked the whole course in index order to avoid sorting the page).
        db
          .selectFrom(
            inOrder(learners(db, input.programId).select("e.user_id"), page.fromEnd ? reversed(input.dir) : input.dir)
              .limit(page.limit)
              .offset(page.offset)
              .as("pg"),
          )
          .crossJoin("enrolments as e")
          .whereRef("e.user_id", "=", "pg.user_id")
          .where("e.program_id", "=", input.programId)
          .innerJoin("users as u", "u.id", "e.user_id")
          .select(columns);
  const raw = await inOrder(q).execute();
  return raw.map((r) => {
    const p = progressOf(input.requiredTotal, Number(r.required_done));
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
}

/** All active learners of the course, sorted (the CSV export). Two queries. */
export async function getReportRows(db: DB, input: { programId: number; sort: ReportSort; dir: "asc" | "desc" }) {
  const requiredTotal = await requiredLessonCount(db, input.programId);
  return { requiredTotal, rows: await reportPage(db, { ...input, requiredTotal }) };
}

/** Learners per 10 % bucket (0–9 … 90–99) and one bucket for 100 %. */
export function progressDistribution(rows: { percent: number }[]): number[] {
  const buckets = new Array<number>(11).fill(0);
  for (const r of rows) buckets[r.percent >= 100 ? 10 : Math.floor(r.percent / 10)] += 1;
  return buckets;
}

/**
 * The histogram (as progressDistribution), the number of learners and of those who completed, in one query: the
 * course's active learners per number of required lessons done (a few rows, kept by the database with every
 * change to an enrolment: `course_progress_counts`, migration 0035), bucketed here as progressOf does.
 */
async function reportCounts(db: DB, programId: number, requiredTotal: number) {
  const rows = await db
    .selectFrom("course_progress_counts")
    .select(["required_done", "learners", "completed"])
    .where("program_id", "=", programId)
    .where("status", "=", "active")
    .where("learners", ">", 0)
    .execute();
  const distribution = new Array<number>(11).fill(0);
  let total = 0;
  let completed = 0;
  for (const r of rows) {
    const percent = progressOf(requiredTotal, Number(r.required_done)).percent;
    distribution[percent >= 100 ? 10 : Math.floor(percent / 10)] += Number(r.learners);
    total += Number(r.learners);
    completed += Number(r.completed);
  }
  return { distribution, total, completed };
}

export async function getCourseReport(db: DB, input: { programId: number; sort: ReportSort; dir: "asc" | "desc"; page: number }) {
  const requiredTotal = await requiredLessonCount(db, input.programId);
  const { distribution, total, completed } = await reportCounts(db, input.programId, requiredTotal);
  const pages = Math.max(1, Math.ceil(total / REPORT_PAGE_SIZE));
  const page = Math.min(Math.max(1, input.page), pages);
  const window = nearerEnd({ offset: (page - 1) * REPORT_PAGE_SIZE, limit: REPORT_PAGE_SIZE }, total);
  const rows = await reportPage(db, { ...input, requiredTotal, page: window });
  return { requiredTotal, total, completed, page, pages, rows, distribution };
}
