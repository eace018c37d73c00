import { describe, expect, it } from "vitest";
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS, readSession } from "~/auth/lucia.server";
import { db } from "~/lib/db.server";
import { action as loginAction } from "~/routes/login";
import { action as logoutAction } from "~/routes/logout";
import { action as signupAction } from "~/routes/signup";
import { action as accountAction } from "~/routes/account";
import { TEST_PASSWORD, createTestSchool, createTestUser, uniqueEmail } from "../helpers/factories";
import { callAction, fieldErrorsOf, makeRequest, sessionCookieFor } from "../helpers/http";

const userCount = async () => Number((await db.selectFrom("users").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);

function signup(form: Record<string, string>) {
  return makeRequest("/signup", { form: { fullName: "Lê Ngọc Ánh", role: "student", locale: "vi", ...form } }).then((r) =>
    callAction(signupAction, r),
  );
}

describe("sign up", () => {
  it("creates a student, starts a session and lands on the dashboard", async () => {
    const email = uniqueEmail("Anh.Le").replace("anh", "Anh");
    const res = await signup({ email: `  ${email.toUpperCase()} `, password: "mot-cau-de-nho-123" });
    expect(res.status).toBe(302);
    expect(res.location).toBe("/dashboard");
    expect(res.headers.get("Set-Cookie")).toMatch(/stemhub_session=.+; .*HttpOnly/i);
    expect(res.headers.get("Set-Cookie")).toMatch(/SameSite=Lax/i);
    const row = await db.selectFrom("users").selectAll().where("email", "=", email.toLowerCase()).executeTakeFirstOrThrow();
    expect(row.role).toBe("student");
    expect(row.full_name).toBe("Lê Ngọc Ánh");
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it("refuses a bad email, a short password and a common password with field messages, creating nothing", async () => {
    const before = await userCount();
    const bad = await signup({ email: "not-an-email", password: "short" });
    expect(bad.status).toBe(400);
    expect(fieldErrorsOf(bad)).toMatchObject({ email: ["validation.email"], password: ["validation.passwordTooShort"] });
    const common = await signup({ email: uniqueEmail(), password: "1234567890" });
    expect(common.status).toBe(400);
    expect(fieldErrorsOf(common).password).toEqual(["validation.passwordCommon"]);
    expect(await userCount()).toBe(before);
  });

  it("refuses a role a visitor may not choose", async () => {
    const res = await signup({ email: uniqueEmail(), password: "mot-cau-de-nho-123", role: "admin" });
    expect(res.status).toBe(400);
    expect(fieldErrorsOf(res).role).toEqual(["validation.choice"]);
  });

  it("refuses an email already used in another case, keeping what was typed but not the password", async () => {
    const email = uniqueEmail("dup");
    expect((await signup({ email, password: "mot-cau-de-nho-123" })).status).toBe(302);
    const again = await signup({ email: email.toUpperCase(), password: "mot-cau-de-nho-456" });
    expect(again.status).toBe(400);
    expect(fieldErrorsOf(again).email).toEqual(["validation.emailTaken"]);
    const typed = (again.data as { submission: { initialValue: Record<string, string> } }).submission.initialValue;
    expect(typed.fullName).toBe("Lê Ngọc Ánh");
    expect(typed.password).toBeUndefined();
  });
});

describe("sign up as a teacher of a school", () => {
  it("asks to join the chosen school (pending); an unknown school is a field error and creates nothing", async () => {
    const school = await createTestSchool("Trường THCS Đăng Ký");
    const email = uniqueEmail("gv");
    const ok = await signup({ email, password: "mot-cau-de-nho-123", role: "teacher", schoolId: String(school) });
    expect(ok.status).toBe(302);
    const user = await db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow();
    const membership = await db.selectFrom("school_memberships").select(["role", "status"]).where("user_id", "=", user.id).execute();
    expect(membership).toEqual([{ role: "teacher", status: "pending" }]);

    const before = await userCount();
    const bad = await signup({ email: uniqueEmail("gv"), password: "mot-cau-de-nho-123", role: "teacher", schoolId: "987654" });
    expect(bad.status).toBe(400);
    expect(fieldErrorsOf(bad).schoolId).toEqual(["schools.errors.notFound"]);
    expect((await signup({ email: uniqueEmail("gv"), password: "mot-cau-de-nho-123", role: "teacher", schoolId: "abc" })).status).toBe(400);
    expect(await userCount()).toBe(before);

    // A student's school choice is ignored: students join classes, not schools.
    const studentEmail = uniqueEmail("hs");
    expect((await signup({ email: studentEmail, password: "mot-cau-de-nho-123", role: "student", schoolId: String(school) })).status).toBe(302);
    const student = await db.selectFrom("users").select("id").where("email", "=", studentEmail).executeTakeFirstOrThrow();
    expect(await db.selectFrom("school_memberships").select("id").where("user_id", "=", student.id).execute()).toEqual([]);
  });
});

describe("log in", () => {
  const login = (identifier: string, password: string, ip = "10.0.0.1") =>
    makeRequest("/login", { form: { identifier, password, redirectTo: "/account" } }).then((r) =>
      callAction(loginAction, r, {}, { clientIp: ip }),
    );

  it("logs in by email (any case) and by username, redirecting to a local path only", async () => {
    const user = await createTestUser({ role: "teacher" });
    const ok = await login(user.email!.toUpperCase(), TEST_PASSWORD);
    expect(ok.status).toBe(302);
    expect(ok.location).toBe("/account");
    const classAccount = await createTestUser({ username: "an.nguyen7", email: null });
    expect((await login("an.nguyen7", TEST_PASSWORD)).status).toBe(302);
    const evil = await callAction(
      loginAction,
      await makeRequest("/login", { form: { identifier: "an.nguyen7", password: TEST_PASSWORD, redirectTo: "//evil.example" } }),
    );
    expect(evil.location).toBe("/dashboard");
    // The login above was the class account's own: it now has a session.
    expect(await db.selectFrom("user_sessions").select("user_id").where("user_id", "=", classAccount.id).execute()).not.toEqual([]);
  });

  it("gives the same answer for an unknown account and a wrong password", async () => {
    const user = await createTestUser();
    const wrong = await login(user.email!, "wrong-password-123", "10.0.0.2");
    const unknown = await login("nobody@test.example", "wrong-password-123", "10.0.0.2");
    expect(wrong.status).toBe(400);
    expect(unknown.status).toBe(400);
    expect(fieldErrorsOf(wrong)).toEqual({ "": ["auth.login.invalid"] });
    expect(fieldErrorsOf(unknown)).toEqual(fieldErrorsOf(wrong));
    expect(wrong.headers.get("Set-Cookie")).toBeNull();
  });

  it("answers 429 after 5 failures for one account from one address, even with the right password; the owner elsewhere gets in", async () => {
    const user = await createTestUser();
    for (let i = 0; i < 5; i++) expect((await login(user.email!, "nope-nope-nope", "10.1.0.1")).status).toBe(400);
    const blocked = await login(user.email!, TEST_PASSWORD, "10.1.0.1");
    expect(blocked.status).toBe(429);
    expect(fieldErrorsOf(blocked)).toEqual({ "": ["auth.login.throttled"] });
    expect((await login(user.email!, TEST_PASSWORD, "10.1.0.99")).status).toBe(302);
  });

  it("answers 429 after 20 failures from one address across accounts", async () => {
    // Exactly 20 are answered normally (a lower limit fails here), the 21st is refused.
    for (let i = 0; i < 20; i++) expect((await login(`ghost${i}@test.example`, "nope-nope-nope", "10.2.0.1")).status).toBe(400);
    const user = await createTestUser();
    expect((await login(user.email!, TEST_PASSWORD, "10.2.0.1")).status).toBe(429);
    expect((await login(user.email!, TEST_PASSWORD, "10.2.0.2")).status).toBe(302);
  });

  it("validates the form: empty fields are 400 with messages", async () => {
    const res = await callAction(loginAction, await makeRequest("/login", { form: { identifier: "", password: "" } }));
    expect(res.status).toBe(400);
    expect(fieldErrorsOf(res)).toMatchObject({ identifier: ["validation.required"], password: ["validation.required"] });
  });
});

describe("sessions", () => {
  it("a new login gets a new session id; logout destroys the session server-side", async () => {
    const user = await createTestUser();
    const a = await sessionCookieFor(user.id);
    const b = await sessionCookieFor(user.id);
    expect(a).not.toBe(b);
    const req = await makeRequest("/logout", { method: "POST", cookie: a });
    const res = await callAction(logoutAction, req);
    expect(res.status).toBe(302);
    expect(res.headers.get("Set-Cookie")).toMatch(/stemhub_session=;/);
    expect((await readSession(new Request("http://x/", { headers: { Cookie: a } }))).user).toBeNull();
    expect((await readSession(new Request("http://x/", { headers: { Cookie: b } }))).user?.id).toBe(user.id);
  });

  it("expires after the idle time and after the absolute lifetime", async () => {
    const user = await createTestUser();
    const idle = await sessionCookieFor(user.id);
    const idleId = idle.split("=")[1];
    await db.updateTable("user_sessions").set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where("id", "=", idleId).execute();
    expect((await readSession(new Request("http://x/", { headers: { Cookie: idle } }))).user).toBeNull();

    const old = await sessionCookieFor(user.id);
    const oldId = old.split("=")[1];
    // Still within its idle window (it was used recently) but created longer ago than the absolute lifetime.
    await db
      .updateTable("user_sessions")
      .set({ created_at: new Date(Date.now() - SESSION_ABSOLUTE_MS - 1000).toISOString(), expires_at: new Date(Date.now() + SESSION_IDLE_MS).toISOString() })
      .where("id", "=", oldId)
      .execute();
    expect((await readSession(new Request("http://x/", { headers: { Cookie: old } }))).user).toBeNull();
    expect(await db.selectFrom("user_sessions").select("id").where("id", "=", oldId).executeTakeFirst()).toBeUndefined();
  });
});

describe("account", () => {
  it("changes the password only with the current one, and ends other sessions", async () => {
    const user = await createTestUser();
    const other = await sessionCookieFor(user.id);
    const wrong = await callAction(
      accountAction,
      await makeRequest("/account", { userId: user.id, form: { intent: "password", currentPassword: "not-it-at-all", newPassword: "a-brand-new-passphrase" } }),
    );
    expect(wrong.status).toBe(400);
    expect(fieldErrorsOf(wrong).currentPassword).toEqual(["account.password.wrongCurrent"]);
    const ok = await callAction(
      accountAction,
      await makeRequest("/account", { userId: user.id, form: { intent: "password", currentPassword: TEST_PASSWORD, newPassword: "a-brand-new-passphrase" } }),
    );
    expect(ok.status).toBe(200);
    expect((await readSession(new Request("http://x/", { headers: { Cookie: other } }))).user).toBeNull();
    const login = await callAction(
      loginAction,
      await makeRequest("/login", { form: { identifier: user.email!, password: "a-brand-new-passphrase" } }),
      {},
      { clientIp: "10.9.9.9" },
    );
    expect(login.status).toBe(302);
  });

  it("updates the name and language", async () => {
    const user = await createTestUser();
    const res = await callAction(
      accountAction,
      await makeRequest("/account", { userId: user.id, form: { intent: "profile", fullName: "  Trần   Đức Việt ", locale: "en" } }),
    );
    expect(res.status).toBe(200);
    const row = await db.selectFrom("users").select(["full_name", "locale"]).where("id", "=", user.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ full_name: "Trần Đức Việt", locale: "en" });
  });

  it("sends an anonymous visitor to the login page", async () => {
    const res = await callAction(accountAction, await makeRequest("/account", { form: { intent: "profile", fullName: "X Y", locale: "en" } }));
    expect(res.status).toBe(302);
    expect(res.location).toBe("/login?redirectTo=%2Faccount");
  });
});
