// The throttle counter is atomic: however many attempts arrive at once, exactly `max` of a window get through
// (on PostgreSQL the attempts run on several connections at the same time).
import { describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { consumeThrottle, peekThrottle, pruneThrottles, resetThrottle, type ThrottleRule } from "~/lib/throttle.server";

const rule: ThrottleRule = { bucket: "test.login", max: 5, windowMs: 15 * 60_000 };
const now = "2026-12-01T01:02:03.000Z";

describe("throttle counters", () => {
  it("let exactly max of 60 parallel attempts through, and only for that key", async () => {
    const decisions = await Promise.all(Array.from({ length: 60 }, () => consumeThrottle(db, rule, "acct:1|ip:a", now)));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(5);
    expect(decisions.map((d) => d.hits).sort((a, b) => a - b)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    expect((await consumeThrottle(db, rule, "acct:1|ip:b", now)).allowed).toBe(true);
    expect((await peekThrottle(db, rule, "acct:1|ip:a", now)).allowed).toBe(false);
  });

  it("start again in the next window, after a reset, and say how long to wait", async () => {
    for (let i = 0; i < 6; i++) await consumeThrottle(db, rule, "k2", now);
    const blocked = await consumeThrottle(db, rule, "k2", now);
    expect(blocked.allowed).toBe(false);
    // 01:02:03 is 2 min 3 s into the 01:00–01:15 window.
    expect(blocked.retryAfterSeconds).toBe(15 * 60 - 123);
    expect((await consumeThrottle(db, rule, "k2", "2026-12-01T01:15:00.000Z")).allowed).toBe(true);
    await resetThrottle(db, rule, "k2");
    expect((await consumeThrottle(db, rule, "k2", now)).hits).toBe(1);
  });

  it("prune expired windows only", async () => {
    await consumeThrottle(db, rule, "old", "2026-11-01T00:00:00.000Z");
    await consumeThrottle(db, rule, "fresh", now);
    await pruneThrottles(db, now);
    const keys = (await db.selectFrom("rate_limits").select("key").where("bucket", "=", rule.bucket).execute()).map((r) => r.key);
    expect(keys).not.toContain("old");
    expect(keys).toContain("fresh");
  });
});
