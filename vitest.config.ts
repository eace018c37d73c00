// Separate from vite.config.ts: the remix() plugin must not load under vitest.
import { tmpdir } from "node:os";
import { defineConfig } from "vitest/config";
import tsconfigPaths from "vite-tsconfig-paths";
import SuiteSequencer from "./tests/helpers/sequencer";

// `npm test` with DATABASE_URL set runs the PostgreSQL half on that server (test databases are created beside it).
const TEST_PG_URL = process.env.TEST_PG_URL || process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test";

function unitProject(name: string, env: Record<string, string>) {
  return {
    plugins: [tsconfigPaths()],
    test: {
      name,
      include: ["tests/**/*.test.ts"],
      exclude: ["tests/e2e/**"],
      environment: "node",
      // Each test file gets its own empty database (migrated in setup.ts), never the dev file.
      env: { SEED_DEMO_DATA: "false", UPLOADS_DIR: `${tmpdir()}/stemhub-test-uploads`, ...env },
      setupFiles: ["tests/helpers/setup.ts"],
      testTimeout: 30_000,
      hookTimeout: 30_000,
    },
  };
}

export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    // Browser tests start one server and one browser per file; `npm test` sets the workers per project
    // (scripts/test.mjs).
    fileParallelism: process.env.VITEST_SERIAL === "1" ? false : true,
    // Browser files heaviest first; unit files shuffled (tests/helpers/sequencer.ts). The seed is the run's, as
    // vitest's own random order would take it (--sequence.seed sets it).
    sequence: { sequencer: SuiteSequencer, seed: Date.now() % 2_147_483_647 },
    projects: [
      unitProject("unit", { DATABASE_PATH: ":memory:", DATABASE_URL: "", STEMHUB_TEST_STORE: "sqlite" }),
      // The same tests on PostgreSQL: each file creates and drops its own database on TEST_PG_URL's server.
      unitProject("unit-pg", { DATABASE_PATH: ":memory:", STEMHUB_TEST_STORE: "postgres", TEST_PG_URL: TEST_PG_URL }),
      {
        plugins: [tsconfigPaths()],
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          environment: "node",
          // Test files that import app modules must not open the developer's database file.
          env: { DATABASE_PATH: ":memory:", DATABASE_URL: "" },
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
