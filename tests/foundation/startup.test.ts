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
    expect(lines.join("\n")).not.toMatch(/WARNING/);

    Object.assign(env, { seedDemoDataExplicit: true });
    const again: string[] = [];
    await prepareDatabase((l) => again.push(l));
    expect(await userCount()).toBeGreaterThan(50);
    expect(again.join("\n")).toMatch(/WARNING: 7 demo accounts with the published password exist \(admin@example\.com/);
  });
});
