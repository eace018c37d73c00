// A session in use is renewed (issue 20, point 10): past half of its idle window, reading it moves its expiry a
// full idle window ahead and asks for a fresh cookie; a session read early is left as it is.
import { describe, expect, it } from "vitest";
import { SESSION_IDLE_MS, readSession } from "~/auth/lucia.server";
import { db } from "~/lib/db.server";
import { createTestUser } from "../helpers/factories";
import { sessionCookieFor } from "../helpers/http";

const expiryOf = async (id: string) =>
  Date.parse(String((await db.selectFrom("user_sessions").select("expires_at").where("id", "=", id).executeTakeFirstOrThrow()).expires_at));

describe("session renewal", () => {
  it("renews a session read late in its idle window, not one read early", async () => {
    const user = await createTestUser();
    const late = await sessionCookieFor(user.id);
    const lateId = late.split("=")[1];
    await db.updateTable("user_sessions").set({ expires_at: new Date(Date.now() + SESSION_IDLE_MS / 4).toISOString() }).where("id", "=", lateId).execute();
    const before = await expiryOf(lateId);
    const read = await readSession(new Request("http://x/", { headers: { Cookie: late } }));
    expect(read.user?.id).toBe(user.id);
    expect(read.session?.fresh).toBe(true);
    const after = await expiryOf(lateId);
    expect(after).toBeGreaterThan(before);
    expect(Math.abs(after - (Date.now() + SESSION_IDLE_MS))).toBeLessThan(60_000);

    const early = await sessionCookieFor(user.id);
    const earlyId = early.split("=")[1];
    const unchanged = await expiryOf(earlyId);
    const again = await readSession(new Request("http://x/", { headers: { Cookie: early } }));
    expect(again.session?.fresh).toBe(false);
    expect(await expiryOf(earlyId)).toBe(unchanged);
  });
});
