// Separate from vite.config.ts: the remix() plugin must not load under vitest.
import { defineConfig } from "vitest/config";
import tsconfigPaths from "vite-tsconfig-paths";

export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    // Browser tests start one server and one browser per file; on 2 cores files run one after another.
    fileParallelism: process.env.VITEST_SERIAL === "1" ? false : true,
    projects: [
      {
        plugins: [tsconfigPaths()],
        test: {
          name: "unit",
          include: ["tests/**/*.test.ts"],
          exclude: ["tests/e2e/**"],
          environment: "node",
          // Each test file gets its own empty in-memory database (migrated in setup.ts), never the dev file.
          env: { DATABASE_PATH: ":memory:", SEED_DEMO_DATA: "false" },
          setupFiles: ["tests/helpers/setup.ts"],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        plugins: [tsconfigPaths()],
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          environment: "node",
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
