// Login throttling under concurrency: reservations before the password check, per account + address, and a
// per-account slowdown that never locks the owner out.
import { describe, expect, it } from "vitest";
import { attemptLogin, LOGIN_ACCOUNT_SLOWDOWN, LOGIN_PAIR_LIMIT, slowdownMs } from "~/auth/login.server";
import { db } from "~/lib/db.server";
import { TEST_PASSWORD, createTestUser } from "../helpers/factories";

const now = "2026-12-01T03:00:10.000Z";
const noSleep = async () => {};

async function auditCount(action: string, subjectId?: number) {
  let q = db.selectFrom("audit_events").select((eb) => eb.fn.countAll<number>().as("n")).where("action", "=", action);
  if (subjectId !== undefined) q = q.where("subject_id", "=", String(subjectId));
  return Number((await q.executeTakeFirstOrThrow()).n);
}

describe("login throttling", () => {
  it("60 parallel wrong passwords for one account: at most the limit reach the password check; the owner still logs in elsewhere", async () => {
    const user = await createTestUser();
    const results = await Promise.all(
      Array.from({ length: 60 }, () => attemptLogin(db, { identifier: user.email!, password: "wrong-password-1", ip: "198.51.100.7", now }, { sleep: noSleep })),
    );
    // "invalid" means the password was checked; "throttled" means it never was.
    const checked = results.filter((r) => !r.ok && r.reason === "invalid").length;
    expect(checked).toBeLessThanOrEqual(LOGIN_PAIR_LIMIT.max);
    expect(checked).toBeGreaterThan(0);
    expect(results.filter((r) => !r.ok && r.reason === "throttled")).toHaveLength(60 - checked);
    expect(await auditCount("auth.loginFailed", user.id)).toBe(checked);
    // The right password from the attacker's address is refused too…
    const same = await attemptLogin(db, { identifier: user.email!, password: TEST_PASSWORD, ip: "198.51.100.7", now }, { sleep: noSleep });
    expect(same).toMatchObject({ ok: false, reason: "throttled" });
    // …but the owner, from their own address, gets in.
    const owner = await attemptLogin(db, { identifier: user.email!, password: TEST_PASSWORD, ip: "203.0.113.20", now }, { sleep: noSleep });
    expect(owner).toEqual({ ok: true, value: user.id });
    // One "throttled" event for the window, not one per refused request.
    const throttled = await db.selectFrom("audit_events").select("details").where("action", "=", "auth.throttled").where("ip", "=", "198.51.100.7").execute();
    expect(throttled.length).toBe(1);
  });

  it("guesses spread over many addresses are slowed down, never refused, and the owner gets in", async () => {
    const user = await createTestUser();
    const delays: number[] = [];
    const sleep = async (ms: number) => void delays.push(ms);
    for (let i = 0; i < 14; i++) {
      const r = await attemptLogin(db, { identifier: user.email!, password: "wrong-password-1", ip: `192.0.2.${i}`, now }, { sleep });
      expect(r).toMatchObject({ ok: false, reason: "invalid" });
    }
    expect(delays).toEqual([500, 1000, 1500, 2000]);
    const owner = await attemptLogin(db, { identifier: user.email!, password: TEST_PASSWORD, ip: "203.0.113.21", now }, { sleep });
    expect(owner.ok).toBe(true);
    expect(delays.at(-1)).toBe(2500);
    expect(slowdownMs(LOGIN_ACCOUNT_SLOWDOWN.max + 1000)).toBe(10_000);
  });

  it("a right password gives the address its attempt back: a school behind one address signs in many students", async () => {
    const students = await Promise.all(Array.from({ length: 25 }, () => createTestUser()));
    for (const s of students) {
      expect((await attemptLogin(db, { identifier: s.email!, password: TEST_PASSWORD, ip: "100.64.0.1", now }, { sleep: noSleep })).ok).toBe(true);
    }
  });
});
