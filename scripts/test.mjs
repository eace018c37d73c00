// `npm test`: type check, build the production bundle, then every test:
//   unit     unit and integration tests on SQLite, at the real time;
//   unit-pg  the same tests on PostgreSQL (each file in its own database), with the clock shifted by 12 hours so
//            that tests which depend on the time of day fail at any hour;
//   e2e      browser tests against the production build.
// Unit files and the tests inside each file run in random order (--sequence.shuffle): every test builds its own
// data. The totals come last: "N passed, N failed, N skipped".
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";

const args = process.argv.slice(2);
const npx = process.platform === "win32" ? "npx.cmd" : "npx";
const run = (cmd, cmdArgs, env = {}) => spawnSync(cmd, cmdArgs, { stdio: "inherit", env: { ...process.env, ...env } }).status ?? 1;
const fail = (message) => {
  console.error(message);
  console.log("0 passed, 1 failed, 0 skipped");
  process.exit(1);
};

// Types and the production build first, side by side (independent; one core each): a strict type error is a
// failure, like a failing test.
const runAsync = (cmd, cmdArgs) =>
  new Promise((resolve) => {
    const child = spawn(cmd, cmdArgs, { stdio: "inherit" });
    child.on("error", () => resolve(1));
    child.on("exit", (code) => resolve(code ?? 1));
  });
const [typecheck, build] = await Promise.all([
  runAsync(npx, ["tsc", "--noEmit"]),
  args.includes("--no-build") ? 0 : runAsync(npx, ["remix", "vite:build"]),
]);
if (typecheck !== 0) fail("typecheck failed (npx tsc --noEmit)");
if (build !== 0) fail("build failed");

// PostgreSQL is part of the suite, never skipped silently: without a server the run fails and says why.
const pgUrl = process.env.TEST_PG_URL || process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test";
const stores = (process.env.STEMHUB_TEST_STORES || "sqlite,postgres").split(",").map((s) => s.trim());
if (stores.includes("postgres")) {
  const client = new pg.Client({ connectionString: pgUrl, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.end();
  } catch (e) {
    fail(
      `PostgreSQL is not reachable at ${pgUrl} (${e.message}). The tests run on SQLite and PostgreSQL: start it ` +
        "(pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start), point TEST_PG_URL at a server, " +
        "or run only the SQLite half on purpose with STEMHUB_TEST_STORES=sqlite.",
    );
  }
}

// Workers: vitest's default on 2 cores is one worker, which leaves a core idle. SQLite files are CPU-bound in
// their worker: one per core. PostgreSQL files mostly wait for the server: more workers than cores (each file
// has its own database). STEMHUB_TEST_WORKERS=unit:N,pg:N,e2e:N overrides.
const cores = os.availableParallelism?.() ?? os.cpus().length;
const workerSetting = Object.fromEntries(
  (process.env.STEMHUB_TEST_WORKERS ?? "").split(",").filter(Boolean).map((pair) => pair.split(":").map((x) => x.trim())),
);
const workers = (key, fallback) => ["--maxWorkers", String(Number(workerSetting[key]) || fallback), "--minWorkers", "1"];
const projects = [
  // The SQLite files share their worker process (tests/helpers/setup.ts starts each file afresh): 140 → 60 s.
  ...(stores.includes("sqlite")
    ? [{ name: "unit", args: ["--sequence.shuffle", "--poolOptions.forks.isolate=false", ...workers("unit", cores)], env: {} }]
    : []),
  ...(stores.includes("postgres")
    ? [
        {
          name: "unit-pg",
          args: ["--sequence.shuffle", ...workers("pg", Math.max(4, cores * 2))],
          env: { TEST_PG_URL: pgUrl, STEMHUB_TEST_CLOCK_OFFSET_HOURS: "12" },
        },
      ]
    : []),
  // Browser files each start their own server (free port, own database) and browser: two at a time keeps
  // both cores busy while one waits for a page. More than one per core does not pay: the browser files are
  // CPU-bound (Chromium is three quarters of it), and four workers on 2 cores made the slowest files time out.
  { name: "e2e", args: workers("e2e", cores), env: {} },
];

const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "stemhub-test-"));
let passed = 0;
let failed = 0;
let skipped = 0;
let exit = 0;
// Repeated at the very end so that the tail of a long log (all a CI page may keep) names what failed.
const failures = [];
for (const project of projects) {
  const report = path.join(outDir, `${project.name}.json`);
  const status = run(
    npx,
    ["vitest", "run", "--project", project.name, ...project.args, "--reporter=default", "--reporter=json", `--outputFile.json=${report}`],
    project.env,
  );
  if (status !== 0) exit = 1;
  if (fs.existsSync(report)) {
    const r = JSON.parse(fs.readFileSync(report, "utf8"));
    passed += r.numPassedTests ?? 0;
    skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
    failed += r.numFailedTests ?? 0;
    for (const file of r.testResults ?? []) {
      const where = path.relative(process.cwd(), file.name ?? "");
      const failedTests = (file.assertionResults ?? []).filter((a) => a.status === "failed");
      for (const a of failedTests) {
        const why = String((a.failureMessages ?? [])[0] ?? "").split("\n")[0].slice(0, 300);
        failures.push(`[${project.name}] ${where} > ${a.fullName ?? a.title}${why ? `\n      ${why}` : ""}`);
      }
      // A file that failed outside its tests (did not load, or a beforeAll/afterAll threw: its tests then show as
      // skipped) counts as one failure even though no test in it failed.
      if (file.status === "failed" && failedTests.length === 0) {
        failed += 1;
        failures.push(`[${project.name}] ${where} (the file failed outside its tests)\n      ${String(file.message ?? "").split("\n")[0].slice(0, 300)}`);
      }
    }
  } else {
    failed += 1;
    failures.push(`[${project.name}] no report (vitest exited with ${status} before writing one)`);
  }
}
if (failures.length > 0) console.log(`\nFailed:\n${failures.map((f) => `  ${f}`).join("\n")}\n`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(exit || (failed > 0 ? 1 : 0));
