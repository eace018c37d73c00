// Runs before each unit/integration test file: give that file its own empty database on the store under test
// (SQLite in memory, or a new PostgreSQL database) and migrate it. The app's one `db` handle opens it.
import { afterAll, beforeAll, beforeEach } from "vitest";
import { awayFromWindowEdge } from "./instants";
import { createPostgresDatabase, testStore } from "./store";

const pgDatabase = testStore === "postgres" ? await createPostgresDatabase() : null;
if (pgDatabase) {
  process.env.DATABASE_URL = pgDatabase.url;
  process.env.DATABASE_POOL_SIZE ??= "8";
}
// Imported after DATABASE_URL is set: the handle is created when db.server is first loaded.
const { db } = await import("~/lib/db.server");
const { migrateToLatest } = await import("~/lib/migrate.server");

beforeAll(async () => {
  await migrateToLatest(db);
});

afterAll(async () => {
  if (!pgDatabase) return;
  await db.destroy();
  await pgDatabase.drop();
});

// CI runs one half of the suite with the clock moved (STEMHUB_TEST_CLOCK_OFFSET_HOURS=12), so a test that only
// passes at some hours of the day fails whenever it runs. Only Date moves; timers run normally.
const clockOffsetHours = Number(process.env.STEMHUB_TEST_CLOCK_OFFSET_HOURS || 0);
if (clockOffsetHours) {
  const { vi } = await import("vitest");
  vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + clockOffsetHours * 3_600_000, shouldAdvanceTime: true });
}

// Throttle windows are aligned to the clock, every quarter of an hour for the sign-in, reset, e-mail, join and
// two-step limits. A test that counts requests up to a limit at the real time would see the count restart if a
// quarter-hour struck midway: no test starts in the last 20 s of one (a worker waits at most once per quarter).
// Shorter windows (the one-minute /verify limit) are guarded in their test.
beforeEach(async () => {
  await awayFromWindowEdge(15 * 60_000, 20_000);
});
