// Page computations timed on a benchmark database, statement by statement (a tool, not a test): the teacher's
// /dashboard (every panel's loader, as the demo teacher), the staff course report of the demo Python course and,
// with --insights, /staff/insights (every preset, and with filters). Without the whole `npm run bench`:
//
//   node --import tsx scripts/bench/pages.ts data/bench/insights-small.db data/bench/insights-large.db [--insights] [--slow=5]
//
// Each database is migrated first (ANALYZE only with --analyze: the server does not run it); each computation runs
// 7 times, the median wall and CPU time (steadier on a shared machine) are printed with the number of SQL statements, and the ratio between the last and the first database. With --slow=N every statement
// slower than N ms (median) is listed with its SQLite query plan.
import path from "node:path";
import { parseArgs } from "node:util";
import SQLite from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import type { Database } from "#db/schema";
import type { SessionUser } from "~/auth/roles";
import { listUsers } from "~/auth/users.server";
import { searchCertificates } from "~/certificates/queries.server";
import { loadCertificatesDashboard } from "~/certificates/dashboard.server";
import { loadClassesDashboard } from "~/classes/dashboard.server";
import { loadCoursesDashboard } from "~/courses/dashboard.server";
import { getCourseReport } from "~/courses/report.server";
import { loadInsights } from "~/insights/insights.server";
import { periodOf, type RangePreset } from "~/insights/period";
import { loadQuarterlyReport } from "~/insights/quarterly.server";
import { loadSchoolReport } from "~/insights/school-report.server";
import { loadStaffToday } from "~/insights/today.server";
import { withStatementCache } from "~/lib/db.server";
import { migrateToLatest } from "~/lib/migrate.server";
import { getMailSettings } from "~/mail/accounts.server";
import { loadToursDashboard } from "~/tours/dashboard.server";
import { loadWorkshopsDashboard } from "~/workshops/dashboard.server";

const { values: opts, positionals: files } = parseArgs({
  allowPositionals: true,
  options: { insights: { type: "boolean", default: false }, analyze: { type: "boolean", default: false }, slow: { type: "string" }, only: { type: "string" }, pragma: { type: "string", multiple: true } },
});
if (!files.length) {
  console.error("usage: node --import tsx scripts/bench/pages.ts small.db [large.db] [--insights] [--slow=ms] [--only=label]");
  process.exit(2);
}
const slowMs = opts.slow === undefined ? Infinity : Number(opts.slow);

// Statement timings: every better-sqlite3 run/get/all/iterate, by SQL text.
let current: Map<string, number[]> | null = null;
const lastArgs = new Map<string, unknown[]>();
{
  const probe = new SQLite(":memory:");
  const proto = Object.getPrototypeOf(probe.prepare("select 1"));
  probe.close();
  for (const method of ["run", "get", "all"]) {
    const original = proto[method];
    proto[method] = function (this: SQLite.Statement, ...args: unknown[]) {
      const t0 = performance.now();
      try {
        return original.apply(this, args);
      } finally {
        const ms = performance.now() - t0;
        if (current) {
          lastArgs.set(this.source, args);
          const list = current.get(this.source) ?? [];
          list.push(ms);
          current.set(this.source, list);
        }
      }
    };
  }
}

type Job = { label: string; run: (db: Kysely<Database>) => Promise<unknown> };

async function jobsFor(sqlite: SQLite.Database): Promise<Job[]> {
  const one = <T>(q: string, ...a: unknown[]) => sqlite.prepare(q).get(...a) as T;
  const count = (q: string) => Math.max(1, Number(one<{ n: number }>(q).n));
  // The lists' last pages (50 users, 25 certificates a page), counted before the timings.
  const lastStudentPage = Math.ceil(count("select count(*) as n from users where role = 'student'") / 50);
  const lastCertificatePage = Math.ceil(count("select count(*) as n from certificates") / 25);
  const userOf = (email: string): SessionUser => {
    const u = one<{ id: number; email: string; username: string | null; full_name: string; role: string; locale: string; grade: number | null; birth_year: number | null }>(
      "select * from users where email = ?",
      email,
    );
    return { id: u.id, email: u.email, username: u.username, fullName: u.full_name, role: u.role, locale: u.locale, grade: u.grade, birthYear: u.birth_year } as SessionUser;
  };
  const teacher = userOf("teacher@example.com");
  const course = one<{ id: number }>("select id from programs where slug = 'lap-trinh-python-cho-hoc-sinh'");
  const now = new Date().toISOString();
  const jobs: Job[] = [
    {
      label: "dashboard (teacher)",
      run: (db) =>
        Promise.all([
          loadCoursesDashboard(db, teacher),
          loadWorkshopsDashboard(db, teacher, now),
          loadClassesDashboard(db, teacher, { locale: teacher.locale, now }),
          loadToursDashboard(db, teacher, now),
          loadCertificatesDashboard(db, teacher),
          getMailSettings(db, teacher.id),
        ]),
    },
    { label: "  classes panel", run: (db) => loadClassesDashboard(db, teacher, { locale: teacher.locale, now }) },
    { label: "  tours panel", run: (db) => loadToursDashboard(db, teacher, now) },
    { label: "  certificates panel", run: (db) => loadCertificatesDashboard(db, teacher) },
    { label: "course report (name)", run: (db) => getCourseReport(db, { programId: course.id, sort: "name", dir: "asc", page: 1 }) },
    { label: "course report (progress desc p3)", run: (db) => getCourseReport(db, { programId: course.id, sort: "progress", dir: "desc", page: 3 }) },
    { label: "course report (activity)", run: (db) => getCourseReport(db, { programId: course.id, sort: "activity", dir: "asc", page: 1 }) },
    { label: "course report (activity, last page)", run: (db) => getCourseReport(db, { programId: course.id, sort: "activity", dir: "asc", page: 9999 }) },
    { label: "course report (name desc, last page)", run: (db) => getCourseReport(db, { programId: course.id, sort: "name", dir: "desc", page: 9999 }) },
    { label: "staff home (today's work)", run: (db) => loadStaffToday(db, { now, locale: "vi" }) },
    { label: "admin users (first page)", run: (db) => listUsers(db, { page: 1 }) },
    { label: "admin users (students, last page)", run: (db) => listUsers(db, { role: "student", page: lastStudentPage }) },
    { label: "staff certificates (last page)", run: (db) => searchCertificates(db, { page: lastCertificatePage, locale: "vi" }) },
    { label: "staff certificates (valid, page 100)", run: (db) => searchCertificates(db, { status: "valid", page: 100, locale: "vi" }) },
    { label: "staff certificates (revoked)", run: (db) => searchCertificates(db, { status: "revoked", page: 1, locale: "vi" }) },
  ];
  if (opts.insights) {
    for (const preset of ["month", "quarter", "year"] as RangePreset[]) {
      const period = periodOf({ preset, now });
      jobs.push({ label: `insights ${preset}`, run: (db) => loadInsights(db, { period, filters: {}, locale: "vi" }) });
    }
    const year = periodOf({ preset: "year", now });
    const school = one<{ id: number }>("select id from schools where status = 'approved' order by id limit 1");
    const topic = one<{ topic: string }>("select topic from program_topics order by topic limit 1");
    jobs.push({ label: "insights year, workshops", run: (db) => loadInsights(db, { period: year, filters: { kind: "workshop" }, locale: "vi" }) });
    jobs.push({ label: "insights year, courses", run: (db) => loadInsights(db, { period: year, filters: { kind: "course" }, locale: "vi" }) });
    jobs.push({ label: "insights year, one school", run: (db) => loadInsights(db, { period: year, filters: { schoolId: school.id }, locale: "vi" }) });
    const quarter = periodOf({ preset: "quarter", now });
    const sc = one<{ id: number; name: string; district: string }>("select id, name, district from schools where id = ?", school.id);
    jobs.push({ label: "quarterly report (quarter)", run: (db) => loadQuarterlyReport(db, { period: quarter, filters: {}, locale: "vi" }) });
    jobs.push({ label: "quarterly report (year)", run: (db) => loadQuarterlyReport(db, { period: year, filters: {}, locale: "vi" }) });
    jobs.push({ label: "school report (year)", run: (db) => loadSchoolReport(db, { school: sc, period: year, locale: "vi" }) });
    jobs.push({ label: "insights year, one topic", run: (db) => loadInsights(db, { period: year, filters: { topic: topic.topic }, locale: "vi" }) });
  }
  return opts.only ? jobs.filter((j) => j.label.includes(opts.only!)) : jobs;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const results: Map<string, { ms: number; cpu: number; statements: number }>[] = [];

for (const file of files) {
  const sqlite = new SQLite(path.resolve(file));
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  for (const p of opts.pragma ?? []) sqlite.pragma(p); // experiments: --pragma "cache_size = -65536"
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  await migrateToLatest(db);
  if (opts.analyze) sqlite.exec("analyze");
  console.log(`\n== ${file}`);
  const byLabel = new Map<string, { ms: number; cpu: number; statements: number }>();
  for (const job of await jobsFor(sqlite)) {
    const ms: number[] = [];
    const cpu: number[] = [];
    const perStatement = new Map<string, number[]>();
    let statements = 0;
    await job.run(db); // warm-up (statement cache, page cache)
    for (let i = 0; i < 7; i++) {
      current = new Map();
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      await job.run(db);
      const c1 = process.cpuUsage(c0);
      ms.push(performance.now() - t0);
      cpu.push((c1.user + c1.system) / 1000);
      statements = [...current.values()].reduce((a, l) => a + l.length, 0);
      for (const [q, l] of current) perStatement.set(q, [...(perStatement.get(q) ?? []), l.reduce((a, b) => a + b, 0)]);
      current = null;
    }
    const m = median(ms);
    byLabel.set(job.label, { ms: m, cpu: median(cpu), statements });
    console.log(`${job.label.padEnd(36)} ${m.toFixed(1).padStart(8)} ms  (min ${Math.min(...ms).toFixed(1)}, cpu ${median(cpu).toFixed(1)})  ${statements} statements`);
    for (const [q, l] of perStatement) {
      const qm = median(l);
      if (qm < slowMs) continue;
      console.log(`    ${qm.toFixed(1).padStart(8)} ms  ${q.replace(/\s+/g, " ").slice(0, 300)}`);
      try {
        const params = lastArgs.get(q) ?? [];
        for (const p of sqlite.prepare(`explain query plan ${q}`).all(...params) as { detail: string }[]) console.log(`               ${p.detail}`);
      } catch (e) {
        console.log(`               (no plan: ${(e as Error).message})`);
      }
    }
  }
  results.push(byLabel);
  await db.destroy();
}

if (results.length > 1) {
  console.log("\n== ratio last / first");
  const first = results[0];
  const last = results[results.length - 1];
  for (const [label, r] of last) {
    const f = first.get(label);
    if (f) console.log(`${label.padEnd(36)} ${(r.ms / f.ms).toFixed(2).padStart(6)}×  (${f.ms.toFixed(1)} → ${r.ms.toFixed(1)} ms; cpu ${(r.cpu / f.cpu).toFixed(2)}×, ${f.cpu.toFixed(1)} → ${r.cpu.toFixed(1)} ms; ${f.statements} → ${r.statements} statements)`);
  }
}
