// Failed authorisation in the security log (ASVS 16.3.2): every 403 the app answers — a guard's `forbidden()`, a
// refusal table's 403 — is reported by the HTTP server (server/app.mjs, through entry.server's
// `recordAccessDenied`) with the path (query string dropped, secret path segments already redacted by the request
// log's `redactUrl`), the method, the session cookie and the client address. Throttled so that nobody can flood
// the table: at most one event per person (or address, when anonymous) and path per minute, and at most
// DENIALS_PER_ACTOR events per person in ten minutes (the one that passes that cap says so, the rest are only
// counted). Both limits are counters of `rate_limits` (one atomic upsert each), so parallel requests agree.
import { recordAudit } from "~/lib/audit.server";
import type { DB } from "~/lib/db.server";
import { consumeThrottle, type ThrottleRule } from "~/lib/throttle.server";
import { readSession } from "./lucia.server";

export const DENIAL_PER_PATH: ThrottleRule = { bucket: "denied.path", max: 1, windowMs: 60_000 };
export const DENIALS_PER_ACTOR: ThrottleRule = { bucket: "denied.actor", max: 30, windowMs: 10 * 60_000 };

/** "/classes/5.data" (a client-side navigation) and "/classes/5" are the same page; at most 300 characters. */
export function deniedPath(path: string): string {
  const p = path.split(/[?#]/)[0] ?? "/";
  return (p === "/_root.data" ? "/" : p.replace(/\.data$/, "")).slice(0, 300) || "/";
}

export interface DeniedRequest {
  /** The Cookie header, to know who asked (never stored). */
  cookie: string | null;
  method: string;
  /** The path as the request log shows it (secrets redacted); a query string is dropped here anyway. */
  path: string;
  ip: string;
  now: string;
}

/** Records one 403, unless this person and path were recorded within the minute; says whether it wrote an event. */
export async function recordAccessDenied(db: DB, input: DeniedRequest): Promise<boolean> {
  const { user } = await readSession(new Request("http://stem-hub.local/", { headers: input.cookie ? { cookie: input.cookie } : {} }));
  const who = user ? `u${user.id}` : `ip${input.ip.slice(0, 64)}`;
  const path = deniedPath(input.path);
  const perPath = await consumeThrottle(db, DENIAL_PER_PATH, `${who}|${path}`, input.now);
  if (!perPath.allowed) return false;
  const perActor = await consumeThrottle(db, DENIALS_PER_ACTOR, who, input.now);
  if (perActor.hits > DENIALS_PER_ACTOR.max + 1) return false;
  await recordAudit(db, {
    actor: { userId: user?.id ?? null, ip: input.ip },
    action: "auth.accessDenied",
    details: {
      method: input.method.slice(0, 10),
      path,
      ...(perActor.hits > DENIALS_PER_ACTOR.max ? { more: "further denials in the next minutes are counted, not logged" } : {}),
    },
    now: input.now,
  });
  return true;
}
