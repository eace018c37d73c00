// Throttles that hold under concurrency on both stores: each attempt bumps a counter row for its bucket, key and
// fixed time window with one atomic upsert (… on conflict do update set hits = hits + 1 returning hits), *before*
// the expensive check it protects. Only the first `max` attempts of a window get through, however many arrive at
// once. This is the counter rate-limiter-flexible keeps in its SQL stores, written through the app's one Kysely
// handle so that it works inside or outside a transaction on SQLite and PostgreSQL alike (README, "Security").
import type { DB } from "./db.server";

export interface ThrottleRule {
  bucket: string;
  max: number;
  windowMs: number;
}

export interface ThrottleDecision {
  allowed: boolean;
  /** Attempts counted in this window, this one included. */
  hits: number;
  /** Seconds until the window ends (for Retry-After). */
  retryAfterSeconds: number;
}

function windowOf(rule: ThrottleRule, nowMs: number) {
  const start = Math.floor(nowMs / rule.windowMs) * rule.windowMs;
  return { start: new Date(start).toISOString(), end: start + rule.windowMs };
}

/** Counts one attempt and says whether it is within the limit. */
export async function consumeThrottle(db: DB, rule: ThrottleRule, key: string, now: string): Promise<ThrottleDecision> {
  const nowMs = Date.parse(now);
  const w = windowOf(rule, nowMs);
  const row = await db
    .insertInto("rate_limits")
    .values({ bucket: rule.bucket, key, window_start: w.start, hits: 1, expires_at: new Date(w.end).toISOString() })
    .onConflict((oc) => oc.columns(["bucket", "key", "window_start"]).doUpdateSet((eb) => ({ hits: eb("rate_limits.hits", "+", 1) })))
    .returning("hits")
    .executeTakeFirstOrThrow();
  const hits = Number(row.hits);
  return { allowed: hits <= rule.max, hits, retryAfterSeconds: Math.max(1, Math.ceil((w.end - nowMs) / 1000)) };
}

/** Whether the limit is already reached, without counting an attempt (e.g. to show a page before a form). */
export async function peekThrottle(db: DB, rule: ThrottleRule, key: string, now: string): Promise<ThrottleDecision> {
  const nowMs = Date.parse(now);
  const w = windowOf(rule, nowMs);
  const row = await db
    .selectFrom("rate_limits")
    .select("hits")
    .where("bucket", "=", rule.bucket)
    .where("key", "=", key)
    .where("window_start", "=", w.start)
    .executeTakeFirst();
  const hits = Number(row?.hits ?? 0);
  return { allowed: hits < rule.max, hits, retryAfterSeconds: Math.max(1, Math.ceil((w.end - nowMs) / 1000)) };
}

/** Forgets the attempts of a key (e.g. after a successful login from that account and address). */
export async function resetThrottle(db: DB, rule: ThrottleRule, key: string): Promise<void> {
  await db.deleteFrom("rate_limits").where("bucket", "=", rule.bucket).where("key", "=", key).execute();
}

/** Expired windows are useless; pruned at start-up and now and then. */
export async function pruneThrottles(db: DB, now: string): Promise<void> {
  await db.deleteFrom("rate_limits").where("expires_at", "<", now).execute();
}

/**
 * Gives back one reserved attempt of the current window (e.g. a login that turned out right, so that only
 * failures count against an address a whole school shares). Never below zero.
 */
export async function releaseThrottle(db: DB, rule: ThrottleRule, key: string, now: string): Promise<void> {
  const w = windowOf(rule, Date.parse(now));
  await db
    .updateTable("rate_limits")
    .set((eb) => ({ hits: eb("hits", "-", 1) }))
    .where("bucket", "=", rule.bucket)
    .where("key", "=", key)
    .where("window_start", "=", w.start)
    .where("hits", ">", 0)
    .execute();
}
