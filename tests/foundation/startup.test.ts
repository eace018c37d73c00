// Start-up on an empty database: demo accounts are never loaded behind a public https origin unless asked for
// explicitly, and their existence is announced at every start.
import { afterEach, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { prepareDatabase } from "~/lib/startup.server";

const saved = { ...env };
afterEach(() => Object.assign(env, saved));

const userCount = async () => Number((await db.selectFrom("users").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);

describe("demo data at start-up", () => {
  it("is not loaded when PUBLIC_ORIGIN is https and SEED_DEMO_DATA is only the default; then it is, when set explicitly, with a warning", async () => {
    Object.assign(env, { publicOrigin: "https://stem.example.vn", seedDemoData: true, seedDemoDataExplicit: false });
    const lines: string[] = [];
    await prepareDatabase((l) => lines.push(l));
    expect(await userCount()).toBe(0);
    expect(lines.join("\n")).toMatch(/demo data NOT loaded: PUBLIC_ORIGIN is https:\/\/stem\.example\.vn/);
    expect(lines.join("\n")).not.toMatch(/WARNING: \d+ demo accounts/);

    Object.assign(env, { seedDemoDataExplicit: true });
    const again: string[] = [];
    await prepareDatabase((l) => again.push(l));
    expect(await userCount()).toBeGreaterThan(50);
    expect(again.join("\n")).toMatch(/WARNING: 7 demo accounts with the published password exist \(admin@example\.com/);
  });
});

describe("the key of two-step secrets at start-up", () => {
  const saved = process.env.TOTP_ENCRYPTION_KEY;
  afterEach(() => (saved === undefined ? delete process.env.TOTP_ENCRYPTION_KEY : (process.env.TOTP_ENCRYPTION_KEY = saved)));

  it("warns behind an https origin while TOTP_ENCRYPTION_KEY is not set; not once it is, nor in development", async () => {
    Object.assign(env, { publicOrigin: "https://stem.example.vn", seedDemoData: false });
    delete process.env.TOTP_ENCRYPTION_KEY;
    const lines: string[] = [];
    await prepareDatabase((l) => lines.push(l));
    expect(lines.join("\n")).toMatch(/WARNING: TOTP_ENCRYPTION_KEY is not set/);
    process.env.TOTP_ENCRYPTION_KEY = "a-long-random-value-0123456789-abcdefghijkl";
    const set: string[] = [];
    await prepareDatabase((l) => set.push(l));
    expect(set.join("\n")).not.toMatch(/TOTP_ENCRYPTION_KEY/);
    delete process.env.TOTP_ENCRYPTION_KEY;
    Object.assign(env, { publicOrigin: "" });
    const dev: string[] = [];
    await prepareDatabase((l) => dev.push(l));
    expect(dev.join("\n")).not.toMatch(/TOTP_ENCRYPTION_KEY/);
  });
});
