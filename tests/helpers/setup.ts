// Runs before each unit/integration test file: give that file its own migrated database on the store under test
// (SQLite in memory, opened from a migrated image; or a new PostgreSQL database copied from a migrated template).
// The app's one `db` handle opens it.
import { afterAll, beforeEach, vi } from "vitest";
import { awayFromWindowEdge } from "./instants";
import { createMigratedPostgresDatabase, migratedSqliteImage, plannedPostgresDatabase, testStore } from "./store";

// The SQLite half runs many files one after another in each worker (isolate: false, scripts/test.mjs: loading
// the libraries under node_modules again for every file was half of its time). Each file still starts as if
// alone: the app's and the tests' modules are loaded afresh (no cache, limiter or key from an earlier file), no
// earlier file's mocks, the worker's environment variables as they were, real timers, and no database handle.
// (The PostgreSQL half keeps a process per file: without it, some files stalled on the 2-core machine.)
declare global {
  // eslint-disable-next-line no-var
  var __stemHubTestEnv: Record<string, string | undefined> | undefined;
}
const workerEnv = (globalThis.__stemHubTestEnv ??= { ...process.env });
for (const key of Object.keys(process.env)) if (!(key in workerEnv)) delete process.env[key];
Object.assign(process.env, workerEnv);
(globalThis as { __vitest_mocker__?: { reset?: () => void } }).__vitest_mocker__?.reset?.();
vi.resetModules();
globalThis.__stemHubDb = undefined;
vi.useRealTimers();

// The handle is created when db.server is first loaded, from DATABASE_URL: the file's database is named first and
// created (a copy of the migrated template) before the first query.
const planned = testStore === "postgres" ? plannedPostgresDatabase() : null;
if (planned) {
  process.env.DATABASE_URL = planned.url;
  process.env.DATABASE_POOL_SIZE ??= "8";
}
// The migrations are loaded only to build the image or the template (once per set of migrations): loading them
// took ≈ 0.5 s in every file.
const migrateToLatest: typeof import("~/lib/migrate.server").migrateToLatest = async (database) =>
  (await import("~/lib/migrate.server")).migrateToLatest(database);
if (testStore === "sqlite") {
  // The file's in-memory database, opened from the migrated image before db.server makes its handle (it takes
  // this one: the global that keeps exactly one handle).
  const { openSqlite } = await import("~/lib/db-open.server");
  const { sql } = await import("kysely");
  const image = await migratedSqliteImage(async (file) => {
    const scratch = openSqlite(":memory:");
    try {
      await migrateToLatest(scratch);
      await sql`vacuum into ${file}`.execute(scratch);
    } finally {
      await scratch.destroy();
    }
  });
  globalThis.__stemHubDb = openSqlite(image);
}
const { db, openPostgres } = await import("~/lib/db.server");
const pgDatabase = planned
  ? await createMigratedPostgresDatabase(planned, async (url) => {
      const template = openPostgres(url, 2);
      try {
        await migrateToLatest(template);
      } finally {
        await template.destroy();
      }
    })
  : null;

afterAll(async () => {
  // The next file in this worker opens its own.
  await db.destroy();
  await pgDatabase?.drop();
});

// CI runs one half of the suite with the clock moved (STEMHUB_TEST_CLOCK_OFFSET_HOURS=12), so a test that only
// passes at some hours of the day fails whenever it runs. Only Date moves; timers run normally.
const clockOffsetHours = Number(process.env.STEMHUB_TEST_CLOCK_OFFSET_HOURS || 0);
if (clockOffsetHours) {
  vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + clockOffsetHours * 3_600_000, shouldAdvanceTime: true });
}

// Throttle windows are aligned to the clock, every quarter of an hour for the sign-in, reset, e-mail, join and
// two-step limits. A test that counts requests up to a limit at the real time would see the count restart if a
// quarter-hour struck midway: no test starts in the last 20 s of one (a worker waits at most once per quarter).
// Shorter windows (the one-minute /verify limit) are guarded in their test.
beforeEach(async () => {
  await awayFromWindowEdge(15 * 60_000, 20_000);
});
