// Runs before each unit/integration test file: migrate that file's fresh in-memory database.
import { beforeAll } from "vitest";
import { db } from "~/lib/db.server";
import { migrateToLatest } from "~/lib/migrate.server";

beforeAll(async () => {
  await migrateToLatest(db);
});
