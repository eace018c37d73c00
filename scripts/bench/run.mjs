// npm run bench [-- --quick] [--only=sqlite|postgres] [--skip-large] [--load-set=small|large] [--regen] [--clean] [--keep]
//                [--report=data/bench/results/<stamp>.json]
//
// The benchmark (a tool, not a test: it prints figures and ratios and always exits 0). See README.md here.
import { fork, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  BENCH_DIR,
  cleanRunDir,
  dropAllBenchDatabases,
  dropDatabase,
  ensureDataSet,
  pgReachable,
  postgresRunDatabase,
  postgresStore,
  prepareFixture,
  resetStorm,
  sqliteStore,
  stormOutcome,
  workingCopy,
} from "./data.mjs";
import { summarise } from "./load.mjs";
import { printReport } from "./report.mjs";
import {
  catalogRequest,
  dataRegistrationRequest,
  formRegistrationRequest,
  pageRequest,
  programPageRequest,
  timedPages,
} from "./requests.mjs";
import { fetchText, root, rssSampler, startApp, startBare, stopAllServers } from "./servers.mjs";

// ------------------------------------------------------------------------------------------------------------
// Options.
// ------------------------------------------------------------------------------------------------------------
const argv = process.argv.slice(2);
const flag = (name) => argv.includes(`--${name}`);
const option = (name) => argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
if (flag("help") || flag("h")) {
  console.log(fs.readFileSync(path.join(root, "scripts", "bench", "README.md"), "utf8"));
  process.exit(0);
}
if (option("report")) {
  // Print the report of an earlier run again: --report=data/bench/results/<stamp>.json
  printReport(JSON.parse(fs.readFileSync(path.resolve(option("report")), "utf8")));
  process.exit(0);
}
const quick = flag("quick");
const only = option("only");
const skipLarge = quick || flag("skip-large");
const loadSetName = option("load-set") ?? (skipLarge ? "small" : "large");
const cfg = quick
  ? { warmupMs: 1000, durationMs: 3000, probeMs: 2000, rounds: 1, pageReps: 5, pageWarmup: 2, coldStarts: 1 }
  : { warmupMs: 3000, durationMs: 10_000, probeMs: 5000, rounds: 3, pageReps: 15, pageWarmup: 5, coldStarts: 3 };
const CONNECTIONS = 20;
const STORM_CONNECTIONS = 50;
const STORM_STUDENTS = 200;
const PROBE_CONNECTIONS = 4;
const PG_INSTANCES = [1, 2, 4];
const logDir = path.join(BENCH_DIR, "logs");
const runStamp = new Date().toISOString().replace(/[:.]/g, "-");

const t0 = Date.now();
const log = (msg) => console.log(`[bench ${((Date.now() - t0) / 1000).toFixed(0).padStart(4)}s] ${msg}`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const results = {
  startedAt: new Date().toISOString(),
  options: { quick, only: only ?? "both", skipLarge, loadSet: loadSetName, ...cfg, connections: CONNECTIONS, stormConnections: STORM_CONNECTIONS, stormStudents: STORM_STUDENTS, probeConnections: PROBE_CONNECTIONS },
  machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, loadAvgAtStart: os.loadavg(), node: process.version, memTotalMb: Math.round(os.totalmem() / 1048576) },
  git: spawnSync("git", ["log", "-1", "--format=%h %<(60,trunc)%s"], { cwd: root, encoding: "utf8" }).stdout.trim(),
  dataSets: {},
  sqlite: null,
  pages: null,
  postgres: null,
  problems: [],
};
const problem = (where, e) => {
  const message = e instanceof Error ? e.message : String(e);
  results.problems.push({ where, message });
  log(`PROBLEM in ${where}: ${message}`);
};
process.on("unhandledRejection", (e) => problem("unhandled rejection", e));
process.on("uncaughtException", (e) => problem("uncaught exception", e));

// ------------------------------------------------------------------------------------------------------------
// The load generator runs in its own process.
// ------------------------------------------------------------------------------------------------------------
const loader = fork(path.join(root, "scripts", "bench", "load-child.mjs"), [], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
let nextId = 0;
const pending = new Map();
loader.on("message", (m) => {
  const p = pending.get(m.id);
  if (!p) return;
  pending.delete(m.id);
  if (m.error) p.reject(new Error(m.error));
  else p.resolve(m);
});
loader.on("exit", (code, signal) => {
  for (const p of pending.values()) p.reject(new Error(`the load generator exited (${signal ?? code})`));
  pending.clear();
});
function load(baseUrl, jobs, options = {}) {
  const id = ++nextId;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    loader.send({ id, baseUrl, jobs, options });
  });
}
const timed = (name, requests, { connections = CONNECTIONS, warmupMs = cfg.warmupMs, durationMs = cfg.durationMs } = {}) => ({
  name,
  kind: "timed",
  connections,
  warmupMs,
  durationMs,
  requests,
});

// ------------------------------------------------------------------------------------------------------------
// Cleanup, whatever happens.
// ------------------------------------------------------------------------------------------------------------
let pgRunDb = null;
let finishing = false;
async function cleanup() {
  stopAllServers();
  loader.kill();
  if (pgRunDb && !flag("keep")) await dropDatabase(pgRunDb).catch(() => undefined);
  if (!flag("keep")) cleanRunDir();
}
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, async () => {
    if (finishing) return;
    finishing = true;
    console.log(`\n${signal}: stopping the servers and cleaning up`);
    await cleanup();
    process.exit(0);
  });
}

// ------------------------------------------------------------------------------------------------------------
// Measurements.
// ------------------------------------------------------------------------------------------------------------

/** Throughput and latency of one page at 20 connections. */
async function throughput(server, name, request) {
  const { results: [r], clientCpu } = await load(server.base, [timed(name, [request])]);
  return { ...r, clientCpu };
}

/** /catalog at a few connections (people browsing) for a while, nothing else running. */
async function idleProbe(server) {
  const { results: [r] } = await load(server.base, [timed("catalog probe (idle)", [catalogRequest()], { connections: PROBE_CONNECTIONS, warmupMs: 500, durationMs: cfg.probeMs })], { raw: true });
  return r;
}

/**
 * Registration storms: 200 distinct students register for the same session at 50 connections while the
 * catalogue probe keeps browsing; repeated `rounds` times (the session emptied between rounds). Returns the
 * registration latencies, the probe's latencies during the storms and what landed in the session.
 */
async function storm(server, store, fx, variant) {
  const regLatencies = [];
  const probeLatencies = [];
  const outcomes = [];
  const statuses = {};
  const errors = {};
  let redirects = 0;
  for (let round = 0; round < cfg.rounds; round++) {
    const build = variant === "form" ? formRegistrationRequest : dataRegistrationRequest;
    const requests = fx.stormSessions.map((userSessionId) => build({ origin: server.base, slug: fx.programSlug, sessionId: fx.stormSessionId, userSessionId }));
    const { results: [reg, probe] } = await load(
      server.base,
      [
        { name: `registration (${variant})`, kind: "list", connections: STORM_CONNECTIONS, requests },
        timed("catalog probe (storm)", [catalogRequest()], { connections: PROBE_CONNECTIONS, warmupMs: 0, durationMs: 600_000 }),
      ],
      { stopWhenFirstEnds: true, raw: true },
    );
    regLatencies.push(...reg.latencies);
    probeLatencies.push(...probe.latencies);
    for (const [k, v] of Object.entries(reg.statuses)) statuses[k] = (statuses[k] ?? 0) + v;
    for (const [k, v] of Object.entries(reg.errors)) errors[k] = (errors[k] ?? 0) + v;
    redirects += reg.redirects;
    outcomes.push(await stormOutcome(store, fx.stormSessionId));
    await resetStorm(store, fx.stormSessionId);
    await sleep(300);
  }
  return {
    registration: summarise(regLatencies, { statuses, errors, redirects, errorCount: Object.values(errors).reduce((a, b) => a + b, 0) }),
    probe: summarise(probeLatencies),
    outcomes,
  };
}

/** Everything measured on one running server (the app or a baseline). */
async function measure(server, store, fx, { variants, programPage = true }) {
  const sampler = rssSampler(server.pid);
  await sleep(1000);
  const rssIdle = sampler.now();
  const out = { coldStartMs: server.coldStartMs, rssIdleMb: rssIdle };
  log(`  ${server.name}: /catalog at ${CONNECTIONS} connections`);
  out.catalog = await throughput(server, "/catalog", catalogRequest());
  if (programPage) {
    log(`  ${server.name}: /workshops/${fx.programSlug} at ${CONNECTIONS} connections`);
    out.program = await throughput(server, "program page", programPageRequest(fx.programSlug));
  }
  log(`  ${server.name}: catalogue probe, idle`);
  out.probeIdle = strip(await idleProbe(server));
  out.storms = {};
  for (const variant of variants) {
    log(`  ${server.name}: registration storm (${variant}) × ${cfg.rounds}`);
    out.storms[variant] = await storm(server, store, fx, variant);
  }
  out.rssPeakMb = sampler.stop();
  return out;
}
const strip = ({ latencies, ...rest }) => rest;

async function coldStarts(startFn, n) {
  const times = [];
  for (let i = 0; i < n; i++) {
    const server = await startFn();
    times.push(server.coldStartMs);
    await server.stop();
  }
  times.sort((a, b) => a - b);
  return { medianMs: times[Math.floor(times.length / 2)], allMs: times };
}

// ------------------------------------------------------------------------------------------------------------
// Phases.
// ------------------------------------------------------------------------------------------------------------
function ensureBuild() {
  const buildDir = path.resolve(root, process.env.STEMHUB_BUILD_DIR || "build");
  const marker = path.join(buildDir, "server", "index.js");
  if (!fs.existsSync(marker)) {
    log("no production build: running npx remix vite:build");
    const r = spawnSync("npx", ["remix", "vite:build"], { cwd: root, stdio: "inherit" });
    if (r.status !== 0) throw new Error("build failed");
    return;
  }
  const newest = (dir) => {
    let m = 0;
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      m = Math.max(m, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
    }
    return m;
  };
  const sources = ["app", "db", "public"].map((d) => path.join(root, d)).filter((d) => fs.existsSync(d));
  if (Math.max(...sources.map(newest)) > fs.statSync(marker).mtimeMs) {
    log("WARNING: the build is older than the sources; the figures are for the build (npx remix vite:build)");
    results.buildStale = true;
  }
}

async function sqlitePhase(loadSet) {
  const file = workingCopy(loadSet.file, "sqlite-load");
  const store = sqliteStore(file);
  const fx = await prepareFixture(store, { stormStudents: STORM_STUDENTS });
  const out = { dataSet: loadSetName };
  const appLog = path.join(logDir, `${runStamp}-app-sqlite.log`);

  log(`cold start of stem-hub on SQLite × ${cfg.coldStarts}`);
  let sizes = null;
  out.coldStart = await coldStarts(async () => {
    const s = await startApp({ dbFile: file, logFile: appLog });
    sizes ??= await pageSizes(s.base, fx);
    return s;
  }, cfg.coldStarts);
  out.sizes = sizes;

  log("bare node:http + better-sqlite3 baseline");
  const bareLog = path.join(logDir, `${runStamp}-bare-sqlite.log`);
  out.bareColdStart = await coldStarts(() => startBare({ kind: "sqlite", dbFile: file, sizes, logFile: bareLog }), cfg.coldStarts);
  let bare = await startBare({ kind: "sqlite", dbFile: file, sizes, logFile: bareLog });
  try {
    out.bareSizes = { catalog: (await fetchText(`${bare.base}/catalog`)).body.length, program: (await fetchText(`${bare.base}/workshops/${fx.programSlug}`)).body.length };
    out.bare = await measure(bare, store, fx, { variants: ["bare"] });
  } finally {
    await bare.stop();
  }

  log("stem-hub (production build) on SQLite");
  const app = await startApp({ dbFile: file, logFile: appLog });
  try {
    out.app = await measure(app, store, fx, { variants: ["form", "data"] });
  } finally {
    await app.stop();
  }
  await store.close();
  return out;
}

async function pagesPhase(sets) {
  const out = {};
  for (const [name, set] of Object.entries(sets)) {
    log(`page timings on the ${name} set`);
    const file = workingCopy(set.file, `pages-${name}`);
    const store = sqliteStore(file);
    const fx = await prepareFixture(store, { stormStudents: 0 });
    await store.close();
    const server = await startApp({ dbFile: file, logFile: path.join(logDir, `${runStamp}-app-pages-${name}.log`), preload: path.join(root, "scripts", "bench", "query-counter.mjs"), ipc: true });
    const pages = {};
    try {
      // A fresh server: a warm-up pass over every page first (JIT, caches), then each page timed on its own.
      const plan = timedPages(fx).map((page) => ({ ...page, req: pageRequest(page.path, page.as ? fx.cookies[page.as] : null) }));
      await load(server.base, [{ name: "warm-up", kind: "list", connections: 1, requests: plan.flatMap((p) => Array(cfg.pageWarmup).fill(p.req)) }]);
      for (const page of plan) {
        const req = page.req;
        if (page.path.includes("null")) {
          pages[page.name] = { missing: true, path: page.path };
          continue;
        }
        const before = await server.statements();
        const { results: [r] } = await load(server.base, [{ name: page.name, kind: "list", connections: 1, requests: Array(cfg.pageReps).fill(req) }]);
        const after = await server.statements();
        const status = Number(Object.keys(r.statuses)[0]);
        pages[page.name] = {
          path: page.path,
          status,
          notBuilt: page.optional && status === 404,
          medianMs: r.p50,
          p90Ms: r.p90,
          bytes: r.bytesPerResponse,
          statements: before === null || after === null ? null : (after - before) / cfg.pageReps,
          errorCount: r.errorCount,
        };
      }
    } finally {
      await server.stop();
    }
    out[name] = pages;
  }
  return out;
}

async function postgresPhase(loadSet) {
  const version = await pgReachable();
  if (!version) return { skipped: "PostgreSQL not reachable at BENCH_PG_URL / postgres://postgres@127.0.0.1:5432" };
  const out = { version: version.split(" ").slice(0, 2).join(" "), dataSet: loadSetName, instances: {} };
  const db = await postgresRunDatabase(loadSetName, loadSet, { log, runName: `${process.pid}` });
  pgRunDb = db.name;
  const store = postgresStore(db.url);
  try {
    const fx = await prepareFixture(store, { stormStudents: STORM_STUDENTS });
    let sizes = null;
    for (const n of PG_INSTANCES) {
      log(`stem-hub on PostgreSQL, WEB_CONCURRENCY=${n}`);
      const app = await startApp({ databaseUrl: db.url, workers: n, logFile: path.join(logDir, `${runStamp}-app-pg${n}.log`) });
      try {
        // Every worker listening before measuring.
        await sleep(n > 1 ? 2000 : 0);
        sizes ??= await pageSizes(app.base, fx);
        out.instances[n] = await measure(app, store, fx, { variants: ["data", "form"], programPage: false });
      } finally {
        await app.stop();
      }
    }
    log("bare node:http + pg baseline");
    const bare = await startBare({ kind: "postgres", databaseUrl: db.url, sizes, logFile: path.join(logDir, `${runStamp}-bare-pg.log`) });
    try {
      out.bare = await measure(bare, store, fx, { variants: ["bare"], programPage: false });
    } finally {
      await bare.stop();
    }
  } finally {
    await store.close();
  }
  return out;
}

/** Byte sizes of the app's /catalog and program page, so the baselines send as much. */
async function pageSizes(base, fx) {
  const c = await fetchText(`${base}/catalog`);
  const p = await fetchText(`${base}/workshops/${fx.programSlug}`);
  if (c.status !== 200 || p.status !== 200) problem("page sizes", `/catalog answered ${c.status}, the program page ${p.status}`);
  return { catalog: c.body.length, program: p.body.length };
}

/** Keeps the server logs of the last few runs only (the request log grows by the megabyte). */
function pruneLogs(keepRuns = 3) {
  if (!fs.existsSync(logDir)) return;
  const stamps = [...new Set(fs.readdirSync(logDir).map((f) => f.slice(0, 24)))].sort();
  for (const stamp of stamps.slice(0, Math.max(0, stamps.length - keepRuns))) {
    for (const f of fs.readdirSync(logDir)) if (f.startsWith(stamp)) fs.rmSync(path.join(logDir, f));
  }
}

// ------------------------------------------------------------------------------------------------------------
// Main.
// ------------------------------------------------------------------------------------------------------------
async function main() {
  if (flag("clean")) {
    const dropped = await dropAllBenchDatabases().catch(() => []);
    fs.rmSync(BENCH_DIR, { recursive: true, force: true });
    log(`removed ${BENCH_DIR} and ${dropped.length} PostgreSQL databases`);
  }
  log(`options: ${quick ? "--quick " : ""}only=${only ?? "both"} load set=${loadSetName}${skipLarge ? " (small set only)" : ""}`);
  ensureBuild();
  pruneLogs();
  const sets = {};
  for (const name of skipLarge && loadSetName === "small" ? ["small"] : ["small", "large"]) {
    sets[name] = ensureDataSet(name, { regen: flag("regen"), log });
    results.dataSets[name] = { file: path.relative(root, sets[name].file), generatedAt: sets[name].meta.generatedAt, cached: sets[name].cached, users: sets[name].meta.rows.users, rows: sets[name].meta.rows };
  }
  const loadSet = sets[loadSetName];
  if (!loadSet) throw new Error(`unknown load set ${loadSetName}`);

  if (only !== "postgres") {
    try {
      results.sqlite = await sqlitePhase(loadSet);
    } catch (e) {
      problem("SQLite measurements", e);
    }
    try {
      results.pages = await pagesPhase(skipLarge ? { small: sets.small } : { small: sets.small, large: sets.large });
    } catch (e) {
      problem("page timings", e);
    }
  }
  if (only !== "sqlite") {
    try {
      results.postgres = await postgresPhase(loadSet);
    } catch (e) {
      problem("PostgreSQL measurements", e);
    }
  }
}

try {
  await main();
} catch (e) {
  problem("bench", e);
}
finishing = true;
await cleanup();
results.finishedAt = new Date().toISOString();
results.machine.loadAvgAtEnd = os.loadavg();
fs.mkdirSync(path.join(BENCH_DIR, "results"), { recursive: true });
const resultsFile = path.join(BENCH_DIR, "results", `${runStamp}.json`);
fs.writeFileSync(resultsFile, JSON.stringify(results, null, 2));
try {
  printReport(results);
} catch (e) {
  console.error("could not print the report:", e);
}
console.log(`\nall figures: ${path.relative(root, resultsFile)}; server logs: ${path.relative(root, logDir)}/${runStamp}-*`);
process.exit(0);
