// Two-step sign-in: enrolment with a generated code, recovery codes stored hashed and single-use, the second step
// at login (no session before the right code), replay and throttling, staff grace period, switching off.
import { generateTOTP } from "@epic-web/totp";
import { describe, expect, it } from "vitest";
import { readSession } from "~/auth/lucia.server";
import { TOTP, TWO_FACTOR_LIMIT, twoFactorRequirement } from "~/auth/two-factor.server";
import { db } from "~/lib/db.server";
import { action as loginAction } from "~/routes/login";
import { action as secondStepAction, loader as secondStepLoader } from "~/routes/login_.two-factor";
import { action as tfAction, loader as tfLoader } from "~/routes/account_.two-factor";
import { loader as staffLoader } from "~/routes/staff._index";
import { TEST_PASSWORD, createTestUser } from "../helpers/factories";
import { callAction, callLoader, fieldErrorsOf, makeRequest, sessionCookieFor } from "../helpers/http";
import { decodeQrSvgDataUrl } from "../helpers/documents";

const codeFor = async (secret: string) => (await generateTOTP({ secret, ...TOTP })).otp;

async function enrol(userId: number): Promise<{ secret: string; recoveryCodes: string[] }> {
  await callAction(tfAction, await makeRequest("/account/two-factor", { userId, form: { intent: "start" } }));
  const page = await callLoader(tfLoader, await makeRequest("/account/two-factor", { userId }));
  const secret = page.data.status.pending.secret as string;
  const confirmed = await callAction(tfAction, await makeRequest("/account/two-factor", { userId, form: { intent: "confirm", code: await codeFor(secret) } }));
  return { secret, recoveryCodes: confirmed.data.recoveryCodes };
}

async function passwordStep(identifier: string, redirectTo = "/account") {
  const res = await callAction(loginAction, await makeRequest("/login", { form: { identifier, password: TEST_PASSWORD, redirectTo } }), {}, { clientIp: "10.44.0.1" });
  const setCookie = res.headers.get("Set-Cookie") ?? "";
  return { res, cookie: setCookie.split(";")[0] };
}

const secondStep = async (cookie: string, code: string) =>
  callAction(secondStepAction, await makeRequest("/login/two-factor", { cookie, form: { code } }), {}, { clientIp: "10.44.0.1" });

const auditOf = async (userId: number) =>
  (await db.selectFrom("audit_events").select("action").where("subject_id", "=", String(userId)).orderBy("id").execute()).map((r) => r.action);

describe("two-step sign-in", () => {
  it("enrols from a secret and QR code, confirmed by a code; recovery codes are shown once and stored hashed", async () => {
    const user = await createTestUser({ role: "teacher" });
    await callAction(tfAction, await makeRequest("/account/two-factor", { userId: user.id, form: { intent: "start" } }));
    const page = await callLoader(tfLoader, await makeRequest("/account/two-factor", { userId: user.id }));
    expect(page.headers.get("Cache-Control")).toContain("no-store");
    expect(page.data.qr).toMatch(/^data:image\/svg\+xml;base64,/);
    const secret = page.data.status.pending.secret as string;
    // The QR code is the otpauth address of this secret, as an authenticator app reads it.
    expect(decodeQrSvgDataUrl(page.data.qr)).toBe(page.data.status.pending.uri);
    expect(decodeQrSvgDataUrl(page.data.qr)).toContain(`secret=${secret}`);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const wrong = await callAction(tfAction, await makeRequest("/account/two-factor", { userId: user.id, form: { intent: "confirm", code: "000000" === (await codeFor(secret)) ? "111111" : "000000" } }));
    expect(wrong.status).toBe(400);
    expect(fieldErrorsOf(wrong)).toEqual({ code: ["twoFactor.wrongCode"] });
    expect((await db.selectFrom("two_factor").select("enabled_at").where("user_id", "=", user.id).executeTakeFirstOrThrow()).enabled_at).toBeNull();
    const otherDevice = await sessionCookieFor(user.id);
    const ok = await callAction(tfAction, await makeRequest("/account/two-factor", { userId: user.id, form: { intent: "confirm", code: await codeFor(secret) } }));
    expect(ok.status).toBe(200);
    // Sessions opened with the password alone end; this one gets a fresh session.
    expect((await readSession(new Request("http://localhost/", { headers: { Cookie: otherDevice } }))).user).toBeNull();
    expect(ok.headers.get("Set-Cookie")).toMatch(/stemhub_session=/);
    const codes = ok.data.recoveryCodes as string[];
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    const stored = await db.selectFrom("recovery_codes").select("code_hash").where("user_id", "=", user.id).execute();
    expect(stored).toHaveLength(10);
    expect(stored.some((s) => codes.includes(s.code_hash) || s.code_hash.includes(codes[0].replace(/-/g, "")))).toBe(false);
    const after = await callLoader(tfLoader, await makeRequest("/account/two-factor", { userId: user.id }));
    expect(after.data.status).toMatchObject({ enabled: true, pending: null, recoveryCodesLeft: 10 });
    expect(await auditOf(user.id)).toContain("auth.twoFactorEnabled");
  });

  it("asks for the code after the password; no session until it is right; a code is accepted once", async () => {
    const user = await createTestUser({ role: "coordinator" });
    const { secret } = await enrol(user.id);
    // The code that confirmed enrolment is spent; as if the next 30-second step had come.
    await db.updateTable("two_factor").set({ last_step: null }).where("user_id", "=", user.id).execute();
    const { res, cookie } = await passwordStep(user.email!, "/school");
    expect(res.status).toBe(302);
    expect(res.location).toBe("/login/two-factor");
    expect(cookie).toMatch(/^stemhub_2fa=/);
    expect(res.headers.get("Set-Cookie")).not.toContain("stemhub_session");
    // Only a hash of the token is stored.
    const token = decodeURIComponent(cookie.split("=")[1]);
    const rows = await db.selectFrom("login_challenges").select("token_hash").where("user_id", "=", user.id).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0].token_hash).not.toContain(token.replace(/"/g, ""));
    expect((await callLoader(secondStepLoader, await makeRequest("/login/two-factor", { cookie }))).status).toBe(200);
    expect((await callLoader(secondStepLoader, await makeRequest("/login/two-factor"))).location).toBe("/login");

    const wrong = await secondStep(cookie, "12345");
    expect(wrong.status).toBe(400);
    expect(wrong.headers.get("Set-Cookie")).toBeNull();
    const code = await codeFor(secret);
    const ok = await secondStep(cookie, code);
    expect(ok.status).toBe(302);
    expect(ok.location).toBe("/school");
    const sessionCookie = ok.headers.get("Set-Cookie")!.match(/stemhub_session=[^;]+/)![0];
    const session = await readSession(new Request("http://localhost/", { headers: { Cookie: sessionCookie } }));
    expect(session.user?.id).toBe(user.id);
    // The challenge is spent; a new one with the same code (replay) is refused.
    expect((await secondStep(cookie, code)).data.submission.error[""]).toEqual(["twoFactor.login.expired"]);
    const again = await passwordStep(user.email!);
    const replay = await secondStep(again.cookie, code);
    expect(replay.status).toBe(400);
    expect(fieldErrorsOf(replay)).toEqual({ code: ["twoFactor.wrongCode"] });
    const actions = await auditOf(user.id);
    expect(actions).toContain("auth.twoFactorFailed");
    const login = await db.selectFrom("audit_events").select("details").where("action", "=", "auth.login").where("subject_id", "=", String(user.id)).execute();
    expect(login.map((l) => JSON.parse(l.details).method)).toEqual(["totp"]);
  });

  it("a recovery code signs in once; wrong codes are throttled and end the challenge", async () => {
    const user = await createTestUser({ role: "teacher" });
    const { recoveryCodes } = await enrol(user.id);
    const first = await passwordStep(user.email!);
    expect((await secondStep(first.cookie, recoveryCodes[3].toLowerCase().replace(/-/g, " "))).status).toBe(302);
    const second = await passwordStep(user.email!);
    expect((await secondStep(second.cookie, recoveryCodes[3])).status).toBe(400);
    expect(await auditOf(user.id)).toContain("auth.recoveryCodeUsed");
    // Already one wrong code in this window (the reused recovery code); the rest up to the limit, then refused.
    for (let i = 1; i < TWO_FACTOR_LIMIT.max; i++) expect((await secondStep(second.cookie, "999999")).status).toBe(400);
    const blocked = await secondStep(second.cookie, recoveryCodes[4]);
    expect(blocked.status).toBe(429);
    expect(await db.selectFrom("login_challenges").select("user_id").where("user_id", "=", user.id).execute()).toEqual([]);
  });

  it("staff get a 7-day grace period, then must enrol before anything else; teachers never must", async () => {
    const staff = await createTestUser({ role: "staff" });
    const now = "2026-12-01T00:00:00.000Z";
    expect(await twoFactorRequirement(db, { id: staff.id, role: "staff" }, now)).toBe("grace");
    const row = await db.selectFrom("two_factor").select("grace_ends_at").where("user_id", "=", staff.id).executeTakeFirstOrThrow();
    expect(row.grace_ends_at).toBe("2026-12-08T00:00:00.000Z");
    expect(await twoFactorRequirement(db, { id: staff.id, role: "staff" }, "2026-12-07T23:59:00.000Z")).toBe("grace");
    expect(await twoFactorRequirement(db, { id: staff.id, role: "staff" }, "2026-12-08T00:00:01.000Z")).toBe("enrol");
    expect(await twoFactorRequirement(db, { id: 1, role: "teacher" }, now)).toBe("none");

    await db.updateTable("two_factor").set({ grace_ends_at: "2020-01-01T00:00:00.000Z" }).where("user_id", "=", staff.id).execute();
    const login = await passwordStep(staff.email!, "/staff");
    expect(login.res.location).toBe("/account/two-factor");
    const staffPage = await callLoader(staffLoader, await makeRequest("/staff", { userId: staff.id }));
    expect(staffPage.location).toBe("/account/two-factor");
    expect((await callLoader(tfLoader, await makeRequest("/account/two-factor", { userId: staff.id }))).data.mustEnrol).toBe(true);
    await enrol(staff.id);
    expect((await callLoader(staffLoader, await makeRequest("/staff", { userId: staff.id }))).status).toBe(200);
  });

  it("switching off needs the password; staff must enrol again at once", async () => {
    const staff = await createTestUser({ role: "staff" });
    await enrol(staff.id);
    const wrong = await callAction(tfAction, await makeRequest("/account/two-factor", { userId: staff.id, form: { intent: "disable", password: "not-my-password" } }));
    expect(wrong.status).toBe(400);
    expect(fieldErrorsOf(wrong)).toEqual({ password: ["account.password.wrongCurrent"] });
    expect((await db.selectFrom("two_factor").select("enabled_at").where("user_id", "=", staff.id).executeTakeFirstOrThrow()).enabled_at).not.toBeNull();
    const off = await callAction(tfAction, await makeRequest("/account/two-factor", { userId: staff.id, form: { intent: "disable", password: TEST_PASSWORD } }));
    expect(off.location).toBe("/account/two-factor?notice=notice.twoFactor.disabled");
    expect(await db.selectFrom("recovery_codes").select("id").where("user_id", "=", staff.id).execute()).toEqual([]);
    expect(await auditOf(staff.id)).toContain("auth.twoFactorDisabled");
    expect((await callLoader(staffLoader, await makeRequest("/staff", { userId: staff.id }))).location).toBe("/account/two-factor");
  });
});
