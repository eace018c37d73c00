// Sliding-window limits kept in the database, so they hold across restarts and processes.
import type { DB } from "./db.server";

export interface Limit {
  bucket: string;
  max: number;
  windowMs: number;
}

export async function countRecentEvents(db: DB, limit: Limit, key: string, now = Date.now()): Promise<number> {
  const since = new Date(now - limit.windowMs).toISOString();
  const row = await db
    .selectFrom("rate_limit_events")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("bucket", "=", limit.bucket)
    .where("key", "=", key)
    .where("created_at", ">", since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function isLimited(db: DB, limit: Limit, key: string, now = Date.now()): Promise<boolean> {
  return (await countRecentEvents(db, limit, key, now)) >= limit.max;
}

export async function recordEvent(db: DB, limit: Limit, key: string, now = Date.now()): Promise<void> {
  await db
    .insertInto("rate_limit_events")
    .values({ bucket: limit.bucket, key, created_at: new Date(now).toISOString() })
    .execute();
}

export async function clearEvents(db: DB, limit: Limit, key: string): Promise<void> {
  await db.deleteFrom("rate_limit_events").where("bucket", "=", limit.bucket).where("key", "=", key).execute();
}

/** Old events are useless; pruned at start-up. */
export async function pruneRateLimitEvents(db: DB, olderThanMs = 24 * 3600_000): Promise<void> {
  await db
    .deleteFrom("rate_limit_events")
    .where("created_at", "<", new Date(Date.now() - olderThanMs).toISOString())
    .execute();
}
