// Insights timing on a benchmark database (a tool, not a test): server time and query count of /staff/insights'
// computation (every preset, and with filters) and of the staff home's today's work.
//
//   node --import tsx scripts/bench/generate.ts --set large --out data/bench/insights-large.db
//   node --import tsx scripts/bench/insights.ts data/bench/insights-large.db
//
// The database is migrated first (so migration 0014's indexes exist), then each computation runs 5 times; the
// median is printed.
import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import type { Database } from "#db/schema";
import { loadInsights } from "~/insights/insights.server";
import { periodOf, type RangePreset } from "~/insights/period";
import type { InsightFilters } from "~/insights/queries.server";
import { loadStaffToday } from "~/insights/today.server";
import { migrateToLatest } from "~/lib/migrate.server";
import { QueryCounter } from "../../tests/helpers/query-count";

const file = process.argv[2];
if (!file) {
  console.error("usage: node --import tsx scripts/bench/insights.ts file.db");
  process.exit(2);
}
const sqlite = new SQLite(path.resolve(file));
sqlite.pragma("journal_mode = WAL");
const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
await migrateToLatest(db);
sqlite.exec("analyze");

const counts = sqlite
  .prepare(
    `select (select count(*) from users where role = 'student') as students, (select count(*) from lesson_completions) as completions,
            (select count(*) from workshop_registrations) as registrations, (select count(*) from tour_bookings) as bookings`,
  )
  .get();
console.log("data:", counts);

async function time(label: string, run: (d: Kysely<Database>) => Promise<unknown>) {
  const ms: number[] = [];
  let queries = 0;
  for (let i = 0; i < 5; i++) {
    const counter = new QueryCounter();
    const t0 = performance.now();
    await run(db.withPlugin(counter));
    ms.push(performance.now() - t0);
    queries = counter.count;
  }
  ms.sort((a, b) => a - b);
  console.log(`${label.padEnd(40)} median ${ms[2].toFixed(1).padStart(7)} ms  (min ${ms[0].toFixed(1)}, max ${ms[4].toFixed(1)})  ${queries} queries`);
}

const now = new Date().toISOString();
for (const preset of ["month", "quarter", "year"] as RangePreset[]) {
  const period = periodOf({ preset, now });
  await time(`insights ${preset}`, (d) => loadInsights(d, { period, filters: {}, locale: "vi" }));
}
const year = periodOf({ preset: "year", now });
const school = sqlite.prepare("select id from schools where status = 'approved' order by id limit 1").get() as { id: number } | undefined;
const filters: [string, InsightFilters][] = [
  ["insights year, workshops", { kind: "workshop" }],
  ["insights year, one school", { schoolId: school?.id ?? 1 }],
];
for (const [label, f] of filters) await time(label, (d) => loadInsights(d, { period: year, filters: f, locale: "vi" }));
await time("staff home today's work", (d) => loadStaffToday(d, { now, locale: "vi" }));
await db.destroy();
