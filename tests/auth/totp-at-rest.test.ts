// TOTP secrets are encrypted at rest (AES-256-GCM, "v1:" marker, bound to their row): the stored value is not the
// secret, sign-in with a code still works, a legacy plain-text row keeps working and is sealed on its first use,
// a value copied to another account or read with another key opens nothing.
import { generateTOTP } from "@epic-web/totp";
import { afterEach, describe, expect, it } from "vitest";
import { TOTP } from "~/auth/two-factor.server";
import { db } from "~/lib/db.server";
import { openSecret, sealSecret } from "~/lib/secret-box.server";
import { action as loginAction } from "~/routes/login";
import { action as secondStepAction } from "~/routes/login_.two-factor";
import { action as tfAction, loader as tfLoader } from "~/routes/account_.two-factor";
import { TEST_PASSWORD, createTestUser } from "../helpers/factories";
import { callAction, callLoader, makeRequest } from "../helpers/http";

const codeFor = async (secret: string) => (await generateTOTP({ secret, ...TOTP })).otp;
const stored = async (userId: number) => (await db.selectFrom("two_factor").select("secret").where("user_id", "=", userId).executeTakeFirstOrThrow()).secret!;

async function signIn(identifier: string, code: string) {
  const res = await callAction(loginAction, await makeRequest("/login", { form: { identifier, password: TEST_PASSWORD, redirectTo: "/account" } }), {}, { clientIp: "10.45.0.1" });
  const cookie = (res.headers.get("Set-Cookie") ?? "").split(";")[0]!;
  expect(res.location).toMatch(/^\/login\/two-factor/);
  return callAction(secondStepAction, await makeRequest("/login/two-factor", { cookie, form: { code } }), {}, { clientIp: "10.45.0.1" });
}

const KEY = process.env.TOTP_ENCRYPTION_KEY;
afterEach(() => {
  if (KEY === undefined) delete process.env.TOTP_ENCRYPTION_KEY;
  else process.env.TOTP_ENCRYPTION_KEY = KEY;
});

describe("TOTP secrets at rest", () => {
  it("the stored value is sealed, never the secret; enrolment and sign-in with a code work", async () => {
    const user = await createTestUser({ role: "teacher" });
    await callAction(tfAction, await makeRequest("/account/two-factor", { userId: user.id, form: { intent: "start" } }));
    const page = await callLoader(tfLoader, await makeRequest("/account/two-factor", { userId: user.id }));
    const secret = page.data.status.pending.secret as string;
    const value = await stored(user.id);
    expect(value.startsWith("v1:")).toBe(true);
    expect(value).not.toContain(secret);
    const confirmed = await callAction(tfAction, await makeRequest("/account/two-factor", { userId: user.id, form: { intent: "confirm", code: await codeFor(secret) } }));
    expect(confirmed.status).toBe(200);
    expect(await stored(user.id)).toBe(value);
    await db.updateTable("two_factor").set({ last_step: null }).where("user_id", "=", user.id).execute();
    const res = await signIn(user.email!, await codeFor(secret));
    expect(res.status).toBe(302);
    expect(res.location).toBe("/account");
  });

  it("a legacy plain-text secret still signs in and is sealed on that first use", async () => {
    const user = await createTestUser({ role: "staff" });
    const secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
    await db
      .insertInto("two_factor")
      .values({ user_id: user.id, secret, enabled_at: "2026-01-01T00:00:00.000Z", last_step: null, grace_ends_at: null, updated_at: "2026-01-01T00:00:00.000Z" })
      .execute();
    const res = await signIn(user.email!, await codeFor(secret));
    expect(res.status).toBe(302);
    const value = await stored(user.id);
    expect(value.startsWith("v1:")).toBe(true);
    expect(value).not.toContain(secret);
    expect(openSecret(value, `two_factor:${user.id}`)).toEqual({ plain: secret, legacy: false });
  });

  it("a sealed value opens only for its own row and with its own key; tampering is detected", () => {
    process.env.TOTP_ENCRYPTION_KEY = "a-long-random-production-key-for-the-test-0123456789";
    const sealed = sealSecret("JBSWY3DPEHPK3PXP", "two_factor:1");
    expect(openSecret(sealed, "two_factor:1")).toEqual({ plain: "JBSWY3DPEHPK3PXP", legacy: false });
    expect(openSecret(sealed, "two_factor:2")).toBeNull();
    expect(sealSecret("JBSWY3DPEHPK3PXP", "two_factor:1")).not.toBe(sealed);
    const [head, body, tag] = sealed.split(".");
    const bytes = Buffer.from(body!, "base64url");
    bytes[0] = bytes[0]! ^ 1;
    const flipped = `${head}.${bytes.toString("base64url")}.${tag}`;
    expect(openSecret(flipped, "two_factor:1")).toBeNull();
    process.env.TOTP_ENCRYPTION_KEY = "another-key-entirely-0123456789-abcdefghijklmnop";
    expect(openSecret(sealed, "two_factor:1")).toBeNull();
  });
});
