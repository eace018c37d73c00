// The course report of a 30-lesson course with 2,000 learners is built with a fixed number of queries (three:
// required lessons, counts and histogram, one page), sorted and paged in SQL.
import SQLite from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "#db/schema";
import { getCourseProgressForUsers } from "~/courses/progress.server";
import { getCourseReport, getReportRows } from "~/courses/report.server";
import { vietnameseNameKey } from "~/lib/collation";
import { migrateToLatest } from "~/lib/migrate.server";
import { buildCourse } from "../helpers/courses";

let queries = 0;
const counted = new Kysely<Database>({
  dialect: new SqliteDialect({ database: new SQLite(":memory:") }),
  log: (event) => {
    if (event.level === "query") queries += 1;
  },
});

async function seedLearners(programId: number, lessonIds: number[], count: number, offset: number) {
  const now = "2026-11-01T00:00:00.000Z";
  const users = Array.from({ length: count }, (_, i) => ({
    email: `hs${offset + i}@perf.example`,
    full_name: `Học sinh ${offset + i}`,
    // Written in bulk, so the columns the app derives on save are filled here (name key, progress counter).
    name_key: vietnameseNameKey(`Học sinh ${offset + i}`),
    password_hash: "x",
    created_at: now,
    updated_at: now,
  }));
  const ids: number[] = [];
  for (let i = 0; i < users.length; i += 500) {
    const rows = await counted.insertInto("users").values(users.slice(i, i + 500)).returning("id").execute();
    ids.push(...rows.map((r) => r.id));
  }
  for (let i = 0; i < ids.length; i += 500) {
    await counted
      .insertInto("enrolments")
      .values(
        ids.slice(i, i + 500).map((user_id, j) => ({
          program_id: programId,
          user_id,
          status: "active" as const,
          source: "self" as const,
          enrolled_at: now,
          last_activity_at: now,
          required_done: (i + j) % 31,
        })),
      )
      .execute();
  }
  // Learner k has completed the first (k mod 31) lessons: every progress level from 0 to 100 %.
  const completions = ids.flatMap((user_id, k) => lessonIds.slice(0, k % 31).map((lesson_id) => ({ user_id, lesson_id, completed_at: now })));
  for (let i = 0; i < completions.length; i += 3000) await counted.insertInto("lesson_completions").values(completions.slice(i, i + 3000)).execute();
  return ids;
}

let course: Awaited<ReturnType<typeof buildCourse>>;
let lessonIds: number[];

beforeAll(async () => {
  await migrateToLatest(counted);
  course = await buildCourse({ modules: Array.from({ length: 5 }, () => Array.from({ length: 6 }, () => ({}))) }, counted);
  lessonIds = course.lessonIds.flat();
  expect(lessonIds).toHaveLength(30);
}, 60_000);

describe("course report performance", () => {
  it("uses the same number of queries for 20 and for 2,000 learners, and says how long it took", async () => {
    await seedLearners(course.programId, lessonIds, 20, 0);
    queries = 0;
    const small = await getCourseReport(counted, { programId: course.programId, sort: "progress", dir: "desc", page: 1 });
    const smallQueries = queries;
    expect(small.total).toBe(20);

    const ids = await seedLearners(course.programId, lessonIds, 1980, 20);
    queries = 0;
    const started = performance.now();
    const report = await getCourseReport(counted, { programId: course.programId, sort: "name", dir: "asc", page: 3 });
    const ms = performance.now() - started;
    expect(queries).toBe(smallQueries);
    expect(queries).toBeLessThanOrEqual(3);
    expect(report.total).toBe(2000);
    expect(report.rows).toHaveLength(50);
    expect(report.pages).toBe(40);
    expect(report.distribution.reduce((a, b) => a + b, 0)).toBe(2000);
    // Learner k of each batch has k mod 31 lessons done: all 30 only in the second batch, k = 30, 61, …, 1983 → 63.
    expect(report.distribution[10]).toBe(63);

    queries = 0;
    const csvStarted = performance.now();
    const all = await getReportRows(counted, { programId: course.programId, sort: "progress", dir: "desc" });
    const csvMs = performance.now() - csvStarted;
    expect(queries).toBe(2);
    expect(all.rows[0].percent).toBe(100);

    queries = 0;
    const batchStarted = performance.now();
    const batch = await getCourseProgressForUsers(counted, { programIds: [course.programId], userIds: ids });
    const batchMs = performance.now() - batchStarted;
    expect(queries).toBe(3);
    expect(batch).toHaveLength(1980);
    console.log(
      `[courses] report of 2,000 learners × 30 lessons: ${smallQueries} queries, page ${ms.toFixed(0)} ms; ` +
        `all rows (CSV) ${csvMs.toFixed(0)} ms; batch progress of 1,980 learners in 3 queries ${batchMs.toFixed(0)} ms`,
    );
  });
});
