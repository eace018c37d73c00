// Data sets: generated once and cached under data/bench/ (git ignores data/), copied for each run, and the
// per-run fixture (a registration session opening now, signed-in users) written into the copy. PostgreSQL:
// a template database per data set (loaded once), cloned for each run.
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { REPORT_COURSE_SLUG, STORM_PROGRAM_SLUG } from "./requests.mjs";
import { root } from "./servers.mjs";

pg.types.setTypeParser(20, (v) => Number(v));

export const BENCH_DIR = path.join(root, "data", "bench");
export const RUN_DIR = path.join(BENCH_DIR, "run");
/** Demo dates are relative to the day the data was generated: regenerate after this many days. */
const MAX_AGE_DAYS = 3;
const GENERATOR_VERSION = 1;

function filesIn(dir, filter) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter(filter).map((f) => path.join(dir, f));
}

/** Changes when the generator, the migrations or the demo seed change. */
export function cacheKey() {
  const hash = crypto.createHash("sha1").update(String(GENERATOR_VERSION));
  const sources = [
    path.join(root, "scripts", "bench", "generate.ts"),
    ...filesIn(path.join(root, "db", "migrations"), (f) => f.endsWith(".ts")).sort(),
    ...filesIn(path.join(root, "db", "seed"), (f) => f.endsWith(".ts")).sort(),
  ];
  for (const f of sources) hash.update(f.slice(root.length)).update(fs.readFileSync(f));
  return hash.digest("hex").slice(0, 10);
}

function removeDb(file) {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(file + suffix, { force: true });
}

/** The cached SQLite file of a data set, generated when missing, stale or forced. */
export function ensureDataSet(set, { regen = false, log = console.log } = {}) {
  const key = cacheKey();
  const file = path.join(BENCH_DIR, `${set}-${key}.db`);
  const metaFile = file.replace(/\.db$/, ".json");
  let meta = fs.existsSync(metaFile) && fs.existsSync(file) ? JSON.parse(fs.readFileSync(metaFile, "utf8")) : null;
  const ageDays = meta ? (Date.now() - Date.parse(meta.generatedAt)) / 86_400_000 : Infinity;
  if (meta && !regen && ageDays < MAX_AGE_DAYS) return { file, meta, key, cached: true };
  for (const old of filesIn(BENCH_DIR, (f) => f.startsWith(`${set}-`) && (f.endsWith(".db") || f.endsWith(".json")))) removeDb(old);
  log(`generating the ${set} data set (${meta ? (regen ? "forced" : `cache ${ageDays.toFixed(1)} days old`) : "not cached"}) …`);
  const tmp = path.join(BENCH_DIR, `${set}-${key}.tmp.db`);
  const r = spawnSync(process.execPath, ["--import", "tsx", path.join(root, "scripts", "bench", "generate.ts"), "--set", set, "--out", tmp], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, DATABASE_URL: "" },
  });
  if (r.status !== 0) throw new Error(`data generator failed for the ${set} set`);
  fs.renameSync(tmp, file);
  fs.renameSync(tmp.replace(/\.db$/, ".json"), metaFile);
  meta = JSON.parse(fs.readFileSync(metaFile, "utf8"));
  return { file, meta, key, cached: false };
}

/** A fresh copy of a cached data set for one server run. */
export function workingCopy(source, name) {
  fs.mkdirSync(RUN_DIR, { recursive: true });
  const file = path.join(RUN_DIR, `${name}.db`);
  removeDb(file);
  // Anything left in the cache's write-ahead log goes into the file first, so the copy is complete.
  if (fs.existsSync(`${source}-wal`) && fs.statSync(`${source}-wal`).size > 0) {
    const db = new Database(source);
    db.pragma("wal_checkpoint(TRUNCATE)");
    db.close();
  }
  fs.copyFileSync(source, file);
  return file;
}

export function cleanRunDir() {
  fs.rmSync(RUN_DIR, { recursive: true, force: true });
}

// ------------------------------------------------------------------------------------------------------------
// One tiny store adapter so the fixture is written the same way into SQLite and PostgreSQL.
// ------------------------------------------------------------------------------------------------------------
export function sqliteStore(file) {
  const db = new Database(file);
  db.pragma("busy_timeout = 10000");
  return {
    kind: "sqlite",
    all: async (sql, params = []) => db.prepare(sql).all(...params),
    run: async (sql, params = []) => db.prepare(sql).run(...params).changes,
    close: async () => db.close(),
  };
}

export function postgresStore(url) {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  pool.on("error", () => undefined);
  let n = 0;
  const convert = (sql) => sql.replace(/\?/g, () => `$${++n}`);
  return {
    kind: "postgres",
    all: async (sql, params = []) => {
      n = 0;
      return (await pool.query(convert(sql), params)).rows;
    },
    run: async (sql, params = []) => {
      n = 0;
      return (await pool.query(convert(sql), params)).rowCount;
    },
    close: () => pool.end(),
  };
}

const DAY = 86_400_000;
const HOUR = 3_600_000;

/**
 * Writes what one run needs into its copy of the data: a session of the storm program far in the future whose
 * registration is open now (so cached data never ages out of it), 200 eligible students and the demo staff,
 * teacher, student and admin with sessions in user_sessions (the cookie is the row's id, lucia v3), and the ids
 * and last page numbers of the pages to time.
 */
export async function prepareFixture(store, { stormStudents = 200 } = {}) {
  const one = async (sql, params) => (await store.all(sql, params))[0];
  const program = await one("select id, slug, grade_min, grade_max from programs where slug = ? and kind = 'workshop'", [STORM_PROGRAM_SLUG]);
  if (!program) throw new Error(`fixture: no workshop ${STORM_PROGRAM_SLUG}`);
  const now = Date.now();
  const nowIso = new Date(now).toISOString();
  // 08:00 in Vietnam, 400 days from now: after every generated session, so nobody has an overlapping one.
  const startMs = Math.floor((now + 7 * HOUR) / DAY) * DAY - 7 * HOUR + 400 * DAY + 8 * HOUR;
  const startsAt = new Date(startMs).toISOString();
  const endsAt = new Date(startMs + 3 * HOUR).toISOString();
  const created = await one(
    `insert into workshop_sessions (program_id, room, capacity, confirmed_count, instructor_id, registration_opens_at, registration_closes_at,
       cancellation_deadline, status, min_attendance_percent, starts_at, ends_at, created_at, updated_at)
     values (?, 'Fab Lab 1', 12, 0, null, null, ?, ?, 'scheduled', 100, ?, ?, ?, ?) returning id`,
    [program.id, new Date(startMs - DAY).toISOString(), new Date(startMs - 2 * DAY).toISOString(), startsAt, endsAt, nowIso, nowIso],
  );
  const stormSessionId = Number(created.id);
  await store.run("insert into workshop_meetings (session_id, starts_at, ends_at) values (?, ?, ?)", [stormSessionId, startsAt, endsAt]);

  const students = await store.all(
    `select id from users where role = 'student' and grade between ? and ?
        and (username like 'bench.%' or email like '%@bench.example.com') order by id limit ?`,
    [program.grade_min ?? 1, program.grade_max ?? 12, stormStudents],
  );
  if (students.length < stormStudents) throw new Error(`fixture: only ${students.length} eligible students`);
  const byEmail = async (email) => (await one("select id from users where email = ?", [email]))?.id;
  const staff = await byEmail("staff@example.com");
  const teacher = await byEmail("teacher@example.com");
  const student = await byEmail("student@example.com");
  const admin = await byEmail("admin@example.com");
  const expires = new Date(now + 7 * DAY - HOUR).toISOString();
  const newSession = async (userId) => {
    const id = crypto.randomBytes(20).toString("hex");
    await store.run("insert into user_sessions (id, user_id, expires_at, created_at) values (?, ?, ?, ?)", [id, userId, expires, nowIso]);
    return id;
  };
  const stormSessions = [];
  for (const s of students) stormSessions.push(await newSession(Number(s.id)));
  const classRow = await one("select id from classes where owner_id = ? order by id limit 1", [teacher]);
  const course = await one("select id from programs where slug = ?", [REPORT_COURSE_SLUG]);
  return {
    programSlug: program.slug,
    stormSessionId,
    stormSessions,
    cookies: { staff: await newSession(staff), teacher: await newSession(teacher), student: await newSession(student), admin: await newSession(admin) },
    // The last pages of the long lists (the admin's users, 50 a page; the staff's certificates, 25 a page).
    lastUserPage: Math.max(1, Math.ceil(Number((await one("select count(*) as n from users")).n) / 50)),
    lastCertificatePage: Math.max(1, Math.ceil(Number((await one("select count(*) as n from certificates")).n) / 25)),
    classId: classRow ? Number(classRow.id) : null,
    courseId: course ? Number(course.id) : null,
  };
}

/** What the storm left in its session (to check every registration landed), then an empty session again. */
export async function stormOutcome(store, sessionId) {
  const rows = await store.all("select status, count(*) as n from workshop_registrations where session_id = ? group by status", [sessionId]);
  const out = {};
  for (const r of rows) out[r.status] = Number(r.n);
  return out;
}

export async function resetStorm(store, sessionId) {
  await store.run("delete from workshop_registrations where session_id = ?", [sessionId]);
  await store.run("update workshop_sessions set confirmed_count = 0 where id = ?", [sessionId]);
}

// ------------------------------------------------------------------------------------------------------------
// PostgreSQL: databases of our own (stemhub_bench_…), created and dropped here.
// ------------------------------------------------------------------------------------------------------------
export const PG_BASE = process.env.BENCH_PG_URL || "postgres://postgres@127.0.0.1:5432/postgres";
const PREFIX = "stemhub_bench_";

export function pgUrl(database) {
  const u = new URL(PG_BASE);
  u.pathname = `/${database}`;
  return u.href;
}

async function admin(fn) {
  const client = new pg.Client({ connectionString: PG_BASE });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function pgReachable() {
  try {
    return await admin(async (c) => (await c.query("select version() as v")).rows[0].v);
  } catch (e) {
    return null;
  }
}

const ident = (name) => {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`bad database name ${name}`);
  return `"${name}"`;
};

export async function dropDatabase(name) {
  await admin((c) => c.query(`drop database if exists ${ident(name)} with (force)`));
}

/** Copies a SQLite data set into a new PostgreSQL database: npm run db:copy for small sets, a bulk loader for large ones. */
function loadIntoPostgres(sqliteFile, url, { useDbCopy, log }) {
  const env = { ...process.env, DATABASE_PATH: sqliteFile, DATABASE_URL: "" };
  if (useDbCopy) {
    log("  npm run db:copy …");
    const r = spawnSync("npm", ["run", "--silent", "db:copy", "--", "--to", url, "--from", sqliteFile], { cwd: root, env, encoding: "utf8" });
    if (r.status !== 0) throw new Error(`db:copy failed:\n${r.stdout}\n${r.stderr}`);
    const last = r.stdout.trim().split("\n").at(-1);
    log(`  ${last}`);
    return;
  }
  log("  migrating (npm run db:migrate) and bulk-loading …");
  let r = spawnSync(process.execPath, [path.join(root, "scripts", "db.mjs"), "migrate"], { cwd: root, env: { ...env, DATABASE_URL: url }, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`migrate failed:\n${r.stdout}\n${r.stderr}`);
  r = spawnSync(process.execPath, [path.join(root, "scripts", "bench", "pg-load.mjs"), sqliteFile, url], { cwd: root, stdio: ["ignore", "inherit", "inherit"] });
  if (r.status !== 0) throw new Error("pg-load failed");
}

/**
 * A template database holding the data set (loaded once per data set version), and a fresh clone of it for
 * this run. Other bench templates of the same set are dropped.
 */
export async function postgresRunDatabase(set, dataSet, { log = console.log, runName } = {}) {
  const tag = crypto.createHash("sha1").update(`${dataSet.key}|${dataSet.meta.generatedAt}`).digest("hex").slice(0, 10);
  const template = `${PREFIX}tpl_${set}_${tag}`;
  const existing = await admin(async (c) => (await c.query("select datname from pg_database where datname like $1", [`${PREFIX}tpl_${set}_%`])).rows.map((r) => r.datname));
  for (const name of existing) if (name !== template) await dropDatabase(name);
  if (!existing.includes(template)) {
    const loading = `${PREFIX}loading_${set}_${process.pid}`;
    log(`loading the ${set} data set into PostgreSQL (${template}) …`);
    await dropDatabase(loading);
    await admin((c) => c.query(`create database ${ident(loading)}`));
    try {
      loadIntoPostgres(dataSet.file, pgUrl(loading), { useDbCopy: set === "small", log });
      await admin(async (c) => {
        const db = new pg.Client({ connectionString: pgUrl(loading) });
        await db.connect();
        await db.query("analyze");
        await db.end();
        await c.query(`alter database ${ident(loading)} rename to ${ident(template)}`);
      });
    } catch (e) {
      await dropDatabase(loading);
      throw e;
    }
  }
  const run = `${PREFIX}run_${runName ?? process.pid}`;
  await dropDatabase(run);
  await admin((c) => c.query(`create database ${ident(run)} template ${ident(template)}`));
  return { name: run, url: pgUrl(run), template };
}

/** Drops every bench database (templates included): `--clean`. */
export async function dropAllBenchDatabases() {
  const names = await admin(async (c) => (await c.query("select datname from pg_database where datname like $1", [`${PREFIX}%`])).rows.map((r) => r.datname));
  for (const n of names) await dropDatabase(n);
  return names;
}
