// Insights timing on PostgreSQL (a tool, not a test): the same computations as `pages.ts --insights` on a
// PostgreSQL database holding a bench data set, median of 5 wall times (the server's share included), with every
// statement slower than SLOW ms (default 30). Load a set first, e.g.:
//
//   createdb -h 127.0.0.1 -U postgres stemhub_insights
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/stemhub_insights node scripts/db.mjs migrate
//   node scripts/bench/pg-load.mjs data/bench/large-<tag>.db postgres://postgres@127.0.0.1:5432/stemhub_insights
//   psql -h 127.0.0.1 -U postgres -c "vacuum analyze" stemhub_insights   # what autovacuum does on a live server
//   node --import tsx scripts/bench/insights-pg.ts postgres://postgres@127.0.0.1:5432/stemhub_insights
import { loadInsights } from "~/insights/insights.server";
import { periodOf, type RangePreset } from "~/insights/period";
import { loadQuarterlyReport } from "~/insights/quarterly.server";
import { loadSchoolReport } from "~/insights/school-report.server";
import { Kysely } from "kysely";
import { postgresDialect } from "~/lib/dialect.server";
const slow: { sql: string; ms: number }[] = [];
const db = new Kysely<any>({
  dialect: postgresDialect(process.argv[2], 4),
  log: (e) => {
    if (e.level === "query") slow.push({ sql: e.query.sql, ms: e.queryDurationMillis });
  },
}) as any;
const now = new Date().toISOString();
const year = periodOf({ preset: "year", now });
const quarter = periodOf({ preset: "quarter", now });
const school = await db
  .selectFrom("schools")
  .select(["id", "name", "district"])
  .where("status", "=", "approved")
  .orderBy("id")
  .executeTakeFirstOrThrow();
const topic = await db.selectFrom("program_topics").select("topic").orderBy("topic").executeTakeFirstOrThrow();
const jobs: [string, () => Promise<unknown>][] = [];
for (const preset of ["month", "quarter", "year"] as RangePreset[])
  jobs.push([
    `insights ${preset}`,
    () => loadInsights(db, { period: periodOf({ preset, now }), filters: {}, locale: "vi" }),
  ]);
jobs.push([
  "insights year, workshops",
  () => loadInsights(db, { period: year, filters: { kind: "workshop" }, locale: "vi" }),
]);
jobs.push([
  "insights year, courses",
  () => loadInsights(db, { period: year, filters: { kind: "course" }, locale: "vi" }),
]);
jobs.push([
  "insights year, one school",
  () => loadInsights(db, { period: year, filters: { schoolId: school.id }, locale: "vi" }),
]);
jobs.push([
  "insights year, one topic",
  () => loadInsights(db, { period: year, filters: { topic: topic.topic }, locale: "vi" }),
]);
jobs.push([
  "quarterly report (quarter)",
  () => loadQuarterlyReport(db, { period: quarter, filters: {}, locale: "vi" }),
]);
jobs.push(["quarterly report (year)", () => loadQuarterlyReport(db, { period: year, filters: {}, locale: "vi" })]);
jobs.push(["school report (year)", () => loadSchoolReport(db, { school, period: year, locale: "vi" })]);
for (const [label, run] of jobs) {
  const ms: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    await run();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  console.log(label.padEnd(34), ms[2].toFixed(1).padStart(8), "ms (min", ms[0].toFixed(1) + ")");
  const by = new Map<string, number[]>();
  for (const q of slow) by.set(q.sql, [...(by.get(q.sql) ?? []), q.ms]);
  for (const [q, t] of by) {
    t.sort((a, b) => a - b);
    const med = t[Math.floor(t.length / 2)];
    if (med > Number(process.env.SLOW ?? 30))
      console.log("   ", med.toFixed(1).padStart(7), "ms", q.replace(/\s+/g, " ").slice(0, 150));
  }
  slow.length = 0;
}
await db.destroy();
