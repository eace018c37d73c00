import { deleteExpiredSessions } from "~/auth/lucia.server";
import { seedDemoDataIfEmpty } from "#db/seed/index";
import { db } from "./db.server";
import { env } from "./env.server";
import { migrateToLatest } from "./migrate.server";
import { pruneRateLimitEvents } from "./rate-limit.server";

export async function prepareDatabase(log: (line: string) => void = console.log): Promise<void> {
  const applied = await migrateToLatest(db);
  log(applied.length ? `migrations applied: ${applied.join(", ")}` : "database schema up to date");
  await deleteExpiredSessions();
  await pruneRateLimitEvents(db);
  if (!env.seedDemoData) {
    log("demo data disabled (SEED_DEMO_DATA=false)");
    return;
  }
  const seeded = await seedDemoDataIfEmpty(db);
  log(seeded ? "demo data loaded into the empty database" : "database already has data: demo data not loaded");
}
