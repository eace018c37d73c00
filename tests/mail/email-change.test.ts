// Changing the address (issue 12): current password required and throttled; a single-use, hashed, expiring link
// goes to the NEW address, the address changes only when its signed-in owner follows it, and the OLD address is
// told (when asked and when done); the security log records both. Another account's token, a reused token, an
// expired one and a taken address change nothing.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { confirmEmailChange, EMAIL_CHANGE_TTL_MS } from "~/mail/email-change.server";
import { runSenderPass } from "~/mail/sender.server";
import { hashToken } from "~/mail/tokens.server";
import { action as settingsAction, loader as settingsLoader } from "~/routes/account_.email";
import { action as confirmAction, loader as confirmLoader } from "~/routes/confirm-email.$token";
import { redactUrl } from "../../server/redact.mjs";
import { createTestUser, TEST_PASSWORD } from "../helpers/factories";
import { callAction, callLoader, fieldErrorsOf, makeRequest } from "../helpers/http";
import { emptyOutbox, outboxRows, senderFor, startTestSmtp, testClock, TEST_ORIGIN, type TestSmtp } from "../helpers/mail";

let smtp: TestSmtp;
beforeAll(async () => {
  smtp = await startTestSmtp();
});
afterAll(() => smtp.close());
beforeEach(async () => {
  await emptyOutbox();
  smtp.received.length = 0;
});

let n = 0;
const fresh = (name: string) => `${name}-${Date.now().toString(36)}-${++n}@example.org`;
const emailOf = async (id: number) => (await db.selectFrom("users").select(["email", "email_verified_at"]).where("id", "=", id).executeTakeFirstOrThrow());
const auditOf = async (id: number) =>
  (await db.selectFrom("audit_events").select("action").where("subject_type", "=", "user").where("subject_id", "=", String(id)).orderBy("id").execute()).map((a) => a.action);
const change = async (userId: number, newEmail: string, currentPassword = TEST_PASSWORD) =>
  callAction(settingsAction, await makeRequest("/account/email", { userId, form: { intent: "change", newEmail, currentPassword } }));

async function deliver() {
  await runSenderPass(db, senderFor(smtp, testClock(new Date().toISOString())));
}
const linkTo = (address: string) => {
  const mail = smtp.received.find((m) => JSON.stringify(m.to).includes(address))!;
  return new URL(mail.text!.match(/https:\/\/\S+\/confirm-email\/[A-Za-z0-9_%-]+/)![0]);
};

describe("changing the e-mail address", () => {
  it("a link to the new address, a notice to the old one; the address changes only when the owner follows the link, once", async () => {
    const u = await createTestUser();
    const before = await emailOf(u.id);
    const newEmail = fresh("moi");
    const res = await change(u.id, newEmail.toUpperCase());
    expect(res.status).toBe(200);
    expect(res.data).toEqual({ done: "email.change.sent" });
    expect((await emailOf(u.id)).email).toBe(before.email); // not yet
    const page = await callLoader(settingsLoader, await makeRequest("/account/email", { userId: u.id }));
    expect(page.data.pending).toBe(newEmail);

    const rows = await outboxRows();
    expect(rows.map((r) => [r.template, r.to_address])).toEqual([
      ["emailChangeVerify", newEmail],
      ["emailChangeRequested", before.email],
    ]);
    // Only the token's hash is stored.
    const stored = await db.selectFrom("email_changes").selectAll().where("user_id", "=", u.id).executeTakeFirstOrThrow();
    await deliver();
    const link = linkTo(newEmail);
    expect(link.origin).toBe(TEST_ORIGIN);
    const token = decodeURIComponent(link.pathname.split("/").pop()!);
    expect(stored.token_hash).toBe(hashToken(token));
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(redactUrl(link.pathname)).toBe("/confirm-email/[redacted]");
    const notice = smtp.received.find((m) => JSON.stringify(m.to).includes(before.email!))!;
    expect(notice.subject).toContain("sắp được đổi");
    expect(notice.text).not.toContain(newEmail); // masked
    expect(notice.text).toContain(newEmail.slice(0, 2) + "…@example.org");

    // Another account's session cannot use it (and does not use it up).
    const other = await createTestUser();
    const stolen = await callAction(confirmAction, await makeRequest(link.pathname, { userId: other.id, form: {} }), { token });
    expect(stolen.status).toBe(400);
    expect((await emailOf(other.id)).email).not.toBe(newEmail);
    expect((await emailOf(u.id)).email).toBe(before.email);
    // A visitor is sent to log in; the GET changes nothing.
    const anon = await callLoader(confirmLoader, await makeRequest(link.pathname), { token });
    expect(anon.status).toBe(302);
    expect((await callLoader(confirmLoader, await makeRequest(link.pathname, { userId: u.id }), { token })).status).toBe(200);
    expect((await emailOf(u.id)).email).toBe(before.email);

    await emptyOutbox();
    const done = await callAction(confirmAction, await makeRequest(link.pathname, { userId: u.id, form: {} }), { token });
    expect(done.status).toBe(302);
    expect(done.location).toBe("/account/email?notice=notice.mail.emailChanged");
    const after = await emailOf(u.id);
    expect(after.email).toBe(newEmail);
    expect(after.email_verified_at).not.toBeNull();
    expect((await outboxRows()).map((r) => [r.template, r.to_address])).toEqual([["emailChanged", before.email]]);
    expect(await auditOf(u.id)).toEqual(expect.arrayContaining(["auth.emailChangeRequested", "auth.emailChanged"]));

    // Reused: refused, nothing changes.
    const again = await callAction(confirmAction, await makeRequest(link.pathname, { userId: u.id, form: {} }), { token });
    expect(again.status).toBe(400);
    expect((await emailOf(u.id)).email).toBe(newEmail);
  });

  it("wrong password, same address and bad input are refused with nothing sent; attempts are throttled", async () => {
    const u = await createTestUser();
    const before = await emailOf(u.id);
    const wrong = await change(u.id, fresh("x"), "not-the-password");
    expect(wrong.status).toBe(400);
    expect(fieldErrorsOf(wrong)).toEqual({ currentPassword: ["email.change.wrongPassword"] });
    expect((await change(u.id, before.email!)).status).toBe(400);
    const bad = await change(u.id, "not an address");
    expect(bad.status).toBe(400);
    expect(Object.keys(fieldErrorsOf(bad))).toEqual(["newEmail"]);
    expect(await outboxRows()).toEqual([]);
    expect(await db.selectFrom("email_changes").select("id").where("user_id", "=", u.id).execute()).toEqual([]);
    for (let i = 0; i < 3; i++) await change(u.id, fresh("x"), "still-wrong");
    const throttled = await change(u.id, fresh("y"));
    expect(throttled.status).toBe(429);
    expect((await emailOf(u.id)).email).toBe(before.email);
    expect(await auditOf(u.id)).toContain("auth.loginFailed");
  });

  it("a taken address gets the same answer and no link; a newer request kills the older link; an expired link changes nothing", async () => {
    const u = await createTestUser();
    const holder = await createTestUser();
    const before = await emailOf(u.id);
    const res = await change(u.id, (await emailOf(holder.id)).email!);
    expect(res.status).toBe(200);
    expect(res.data).toEqual({ done: "email.change.sent" });
    expect(await outboxRows()).toEqual([]);

    const first = fresh("first");
    await change(u.id, first);
    await deliver();
    const oldToken = decodeURIComponent(linkTo(first).pathname.split("/").pop()!);
    const second = fresh("second");
    await change(u.id, second);
    await deliver();
    const newToken = decodeURIComponent(linkTo(second).pathname.split("/").pop()!);
    const actor = { userId: u.id, ip: "203.0.113.5" };
    expect((await confirmEmailChange(db, { token: oldToken, userId: u.id, actor, now: new Date().toISOString() })).ok).toBe(false);
    const late = new Date(Date.now() + EMAIL_CHANGE_TTL_MS + 60_000).toISOString();
    expect((await confirmEmailChange(db, { token: newToken, userId: u.id, actor, now: late })).ok).toBe(false);
    expect((await confirmEmailChange(db, { token: "short", userId: u.id, actor, now: new Date().toISOString() })).ok).toBe(false);
    expect((await emailOf(u.id)).email).toBe(before.email);
    // Still valid within the day: works.
    expect((await confirmEmailChange(db, { token: newToken, userId: u.id, actor, now: new Date().toISOString() })).ok).toBe(true);
    expect((await emailOf(u.id)).email).toBe(second);
  });

  it("if another account took the address meanwhile, following the link changes nothing", async () => {
    const u = await createTestUser();
    const before = await emailOf(u.id);
    const wanted = fresh("wanted");
    await change(u.id, wanted);
    await deliver();
    const token = decodeURIComponent(linkTo(wanted).pathname.split("/").pop()!);
    const other = await createTestUser();
    await db.updateTable("users").set({ email: wanted }).where("id", "=", other.id).execute();
    const res = await callAction(confirmAction, await makeRequest(`/confirm-email/${token}`, { userId: u.id, form: {} }), { token });
    expect(res.status).toBe(400);
    expect((await emailOf(u.id)).email).toBe(before.email);
  });
});
