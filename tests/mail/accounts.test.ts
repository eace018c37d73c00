// Forgotten passwords and verified addresses: tokens hashed, single-use, expiring, never in the request log; the
// forgot-password answer never tells whether an address has an account; throttled; a reset ends every session.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { signUp } from "~/auth/signup.server";
import { verifyPassword } from "~/auth/password.server";
import { db } from "~/lib/db.server";
import { nowIso } from "~/lib/time";
import { requestPasswordReset, resetPassword, verifyEmailAddress } from "~/mail/accounts.server";
import { runSenderPass } from "~/mail/sender.server";
import { hashToken } from "~/mail/tokens.server";
import { action as forgotAction } from "~/routes/forgot-password";
import { action as resetAction, loader as resetLoader } from "~/routes/reset-password.$token";
import { action as verifyAction } from "~/routes/verify-email.$token";
import { action as settingsAction, loader as settingsLoader } from "~/routes/account_.email";
import { redactUrl } from "../../server/redact.mjs";
import { createTestUser, TEST_PASSWORD } from "../helpers/factories";
import { callAction, callLoader, fieldErrorsOf, makeRequest, sessionCookieFor } from "../helpers/http";
import { emptyOutbox, outboxRows, senderFor, startTestSmtp, testClock, TEST_ORIGIN, type TestSmtp } from "../helpers/mail";

const NEW_PASSWORD = "a-brand-new-passphrase";
let smtp: TestSmtp;
let ipCounter = 0;
const freshIp = () => `10.9.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`;

beforeAll(async () => {
  smtp = await startTestSmtp();
});
afterAll(() => smtp.close());
beforeEach(async () => {
  await emptyOutbox();
  smtp.received.length = 0;
});

const actor = () => ({ userId: null, ip: freshIp() });
const passwordHashOf = async (id: number) => (await db.selectFrom("users").select("password_hash").where("id", "=", id).executeTakeFirstOrThrow()).password_hash;
const sessionsOf = async (id: number) => db.selectFrom("user_sessions").select("id").where("user_id", "=", id).execute();
const auditOf = async (id: number) =>
  (await db.selectFrom("audit_events").select("action").where("subject_type", "=", "user").where("subject_id", "=", String(id)).orderBy("id").execute()).map((a) => a.action);

function tokenFromPath(link: string) {
  return decodeURIComponent(new URL(link).pathname.split("/").pop()!);
}

describe("forgot password", () => {
  it("mails a link that works once, through a real SMTP server; the reset ends every session and logs in", async () => {
    const u = await createTestUser();
    const oldSession = await sessionCookieFor(u.id);
    const res = await callAction(forgotAction, await makeRequest("/forgot-password", { form: { email: u.email!.toUpperCase() } }), {}, { clientIp: freshIp() });
    expect(res.status).toBe(200);
    expect(res.data).toEqual({ sent: true });
    const [row] = await outboxRows();
    expect(row.template).toBe("passwordReset");
    const token = JSON.parse(row.secret!).token as string;
    // Only the hash is stored with the account.
    const stored = await db.selectFrom("email_tokens").selectAll().where("user_id", "=", u.id).execute();
    expect(stored).toHaveLength(1);
    expect(stored[0].token_hash).toBe(hashToken(token));
    expect(JSON.stringify(stored)).not.toContain(token);

    await runSenderPass(db, senderFor(smtp, testClock(nowIso())));
    expect(smtp.received).toHaveLength(1);
    const link = smtp.received[0].text!.match(new RegExp(`${TEST_ORIGIN}/reset-password/\\S+`))![0];
    expect(tokenFromPath(link)).toBe(token);
    expect((await outboxRows())[0].secret).toBeNull(); // erased once delivered
    const path = new URL(link).pathname;

    const page = await callLoader(resetLoader, await makeRequest(path), { token });
    expect(page.data).toEqual({ usable: true });
    const weak = await callAction(resetAction, await makeRequest(path, { form: { password: "short" } }), { token });
    expect(weak.status).toBe(400);
    expect(fieldErrorsOf(weak).password).toEqual(["validation.passwordTooShort"]);

    const done = await callAction(resetAction, await makeRequest(path, { form: { password: NEW_PASSWORD } }), { token });
    expect(done.status).toBe(302);
    expect(done.location).toBe("/dashboard?notice=notice.mail.passwordReset");
    expect(done.headers.get("Set-Cookie")).toMatch(/stemhub_session=/);
    expect(await verifyPassword(await passwordHashOf(u.id), NEW_PASSWORD)).toBe(true);
    const sessions = await sessionsOf(u.id);
    expect(sessions.map((s) => s.id)).not.toContain(oldSession.split("=")[1]);
    expect(sessions).toHaveLength(1);
    expect(await auditOf(u.id)).toEqual(["auth.passwordResetRequested", "auth.passwordReset"]);
    expect((await outboxRows()).map((r) => r.template)).toEqual(["passwordReset", "passwordChanged"]);

    // Single use: the same link again changes nothing.
    const hash = await passwordHashOf(u.id);
    const again = await callAction(resetAction, await makeRequest(path, { form: { password: "yet-another-passphrase" } }), { token });
    expect(again.status).toBe(400);
    expect(again.data.submission.error[""]).toEqual(["reset.invalid"]);
    expect(await passwordHashOf(u.id)).toBe(hash);
    expect((await callLoader(resetLoader, await makeRequest(path), { token })).data).toEqual({ usable: false });
  });

  it("answers an unknown address exactly like a known one, and sends nothing", async () => {
    const known = await createTestUser();
    const a = await callAction(forgotAction, await makeRequest("/forgot-password", { form: { email: known.email! } }), {}, { clientIp: freshIp() });
    const b = await callAction(forgotAction, await makeRequest("/forgot-password", { form: { email: "nobody-here@test.example" } }), {}, { clientIp: freshIp() });
    expect(b.status).toBe(a.status);
    expect(b.data).toEqual(a.data);
    expect((await outboxRows()).map((r) => r.to_address)).toEqual([known.email]);
    const bad = await callAction(forgotAction, await makeRequest("/forgot-password", { form: { email: "not an address" } }), {}, { clientIp: freshIp() });
    expect(bad.status).toBe(400);
    expect(fieldErrorsOf(bad).email).toEqual(["validation.email"]);
  });

  it("is throttled per address and per client address; a refused request sends nothing", async () => {
    const u = await createTestUser();
    const now = nowIso();
    for (let i = 0; i < 3; i++) expect((await requestPasswordReset(db, { email: u.email!, actor: actor(), now })).ok).toBe(true);
    expect(await requestPasswordReset(db, { email: u.email!, actor: actor(), now })).toMatchObject({ ok: false, reason: "throttled" });
    expect(await outboxRows()).toHaveLength(3);
    const ip = freshIp();
    for (let i = 0; i < 10; i++) await requestPasswordReset(db, { email: `x${i}-${ip}@test.example`, actor: { userId: null, ip }, now });
    const v = await createTestUser();
    const res = await callAction(forgotAction, await makeRequest("/forgot-password", { form: { email: v.email! } }), {}, { clientIp: ip });
    expect(res.status).toBe(429);
    expect((await outboxRows()).filter((r) => r.to_address === v.email)).toHaveLength(0);
  });

  it("a link older than an hour, or replaced by a newer one, changes nothing", async () => {
    const u = await createTestUser();
    const t0 = "2026-12-01T01:00:00.000Z";
    await requestPasswordReset(db, { email: u.email!, actor: actor(), now: t0 });
    const first = JSON.parse((await outboxRows())[0].secret!).token as string;
    const hash = await passwordHashOf(u.id);
    expect(await resetPassword(db, { token: first, passwordHash: "x", actor: actor(), now: "2026-12-01T02:00:01.000Z" })).toMatchObject({ ok: false, reason: "invalid" });
    await requestPasswordReset(db, { email: u.email!, actor: actor(), now: "2026-12-01T01:10:00.000Z" });
    expect(await resetPassword(db, { token: first, passwordHash: "x", actor: actor(), now: "2026-12-01T01:11:00.000Z" })).toMatchObject({ ok: false, reason: "invalid" });
    expect(await resetPassword(db, { token: "garbage", passwordHash: "x", actor: actor(), now: t0 })).toMatchObject({ ok: false, reason: "invalid" });
    expect(await passwordHashOf(u.id)).toBe(hash);
    expect(await verifyPassword(hash, TEST_PASSWORD)).toBe(true);
  });

  it("tokens never reach the request log: reset and verification paths are redacted", () => {
    expect(redactUrl("/reset-password/abcDEF123_-xyz")).toBe("/reset-password/[redacted]");
    expect(redactUrl("/verify-email/abcDEF123_-xyz?x=1")).toBe("/verify-email/[redacted]?x=1");
    // Remix's route discovery lists the paths of the page in its query string.
    expect(redactUrl("/__manifest?p=%2F&p=%2Freset-password%2Fdr58BRkPZHAwM3cQ&version=1")).toBe("/__manifest?p=%2F&p=%2Freset-password%2F%5Bredacted%5D&version=1");
  });
});

describe("verified addresses", () => {
  it("sign-up sends a link; the POST confirms the address once; the GET changes nothing", async () => {
    const r = await signUp(db, { fullName: "Mai Anh", email: `mai-${Date.now()}@test.example`, password: NEW_PASSWORD, role: "student", locale: "en", ip: freshIp(), now: nowIso() });
    if (!r.ok) throw new Error(r.reason);
    const [row] = await outboxRows();
    expect(row).toMatchObject({ template: "verifyEmail", locale: "en", to_user_id: r.value });
    const token = JSON.parse(row.secret!).token as string;
    const verified = async () => (await db.selectFrom("users").select("email_verified_at").where("id", "=", r.value).executeTakeFirstOrThrow()).email_verified_at;
    expect(await verified()).toBeNull();
    const res = await callAction(verifyAction, await makeRequest(`/verify-email/${token}`, { method: "POST", form: {} }), { token });
    expect(res.status).toBe(302);
    expect(await verified()).not.toBeNull();
    const again = await callAction(verifyAction, await makeRequest(`/verify-email/${token}`, { method: "POST", form: {} }), { token });
    expect(again.status).toBe(400);
    expect(again.data.submission.error[""]).toEqual(["email.verify.invalid"]);
    expect(await auditOf(r.value)).toContain("auth.emailVerified");
    // The dashboard's banner goes once the address is confirmed.
    const { loader: dashboardLoader } = await import("~/routes/dashboard");
    expect((await callLoader(dashboardLoader, await makeRequest("/dashboard", { userId: r.value }))).data.unverifiedEmail).toBe(false);
    const fresh = await createTestUser();
    expect((await callLoader(dashboardLoader, await makeRequest("/dashboard", { userId: fresh.id }))).data.unverifiedEmail).toBe(true);
  });

  it("a link sent to a former address does not verify the new one", async () => {
    const u = await createTestUser();
    const now = nowIso();
    const { sendVerificationEmail } = await import("~/mail/accounts.server");
    await sendVerificationEmail(db, { userId: u.id, email: u.email!, now });
    const token = JSON.parse((await outboxRows())[0].secret!).token as string;
    await db.updateTable("users").set({ email: `changed-${u.email}` }).where("id", "=", u.id).execute();
    expect(await verifyEmailAddress(db, { token, actor: actor(), now })).toMatchObject({ ok: false, reason: "invalid" });
    const row = await db.selectFrom("users").select("email_verified_at").where("id", "=", u.id).executeTakeFirstOrThrow();
    expect(row.email_verified_at).toBeNull();
  });

  it("/account/email: resend (throttled), switch optional mail off; visitors are sent to log in", async () => {
    const u = await createTestUser();
    const page = await callLoader(settingsLoader, await makeRequest("/account/email", { userId: u.id }));
    expect(page.data.settings).toEqual({ email: u.email, verified: false, optional: true, digest: null });
    for (let i = 0; i < 3; i++) {
      const r = await callAction(settingsAction, await makeRequest("/account/email", { userId: u.id, form: { intent: "resend" } }));
      expect(r.data).toEqual({ done: "email.verify.sent" });
    }
    const throttled = await callAction(settingsAction, await makeRequest("/account/email", { userId: u.id, form: { intent: "resend" } }));
    expect(throttled.status).toBe(429);
    expect(await outboxRows()).toHaveLength(3);
    // Only the newest link works.
    expect(await db.selectFrom("email_tokens").select("id").where("user_id", "=", u.id).where("used_at", "is", null).execute()).toHaveLength(1);

    const off = await callAction(settingsAction, await makeRequest("/account/email", { userId: u.id, form: { intent: "preferences" } }));
    expect(off.data).toEqual({ done: "mailPrefs.saved" });
    expect((await callLoader(settingsLoader, await makeRequest("/account/email", { userId: u.id }))).data.settings.optional).toBe(false);

    const anon = await callAction(settingsAction, await makeRequest("/account/email", { form: { intent: "preferences", optional: "on" } }));
    expect(anon.status).toBe(302);
    expect((await db.selectFrom("users").select("mail_optional").where("id", "=", u.id).executeTakeFirstOrThrow()).mail_optional).toBe(0);
  });
});
