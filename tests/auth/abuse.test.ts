// Throttles on sign-up, password change, enrolment keys and join links; feed addresses rotate with the password;
// security events are written where they happen. Each test builds its own data (order-independent).
import { describe, expect, it } from "vitest";
import { JOIN_USER_LIMIT, JOIN_VIEW_LIMIT } from "~/classes/join.server";
import { ENROL_KEY_LIMIT, enrolInCourse } from "~/courses/enrolment.server";
import { PASSWORD_CHANGE_LIMIT } from "~/auth/users.server";
import { SIGNUP_IP_LIMIT } from "~/auth/signup.server";
import { db } from "~/lib/db.server";
import { action as accountAction } from "~/routes/account";
import { action as signupAction } from "~/routes/signup";
import { action as joinLinkAction, loader as joinLinkLoader } from "~/routes/join.$code";
import { action as adminUsersAction } from "~/routes/admin.users";
import { getFeedToken, regenerateFeedToken } from "~/workshops/schedule.server";
import { courseSchema } from "~/courses/schemas";
import { TEST_PASSWORD, createTestUser, uniqueEmail } from "../helpers/factories";
import { callAction, callLoader, fieldErrorsOf, makeRequest } from "../helpers/http";
import { approvedTeacher, classOf } from "../helpers/classes";
import { NOW, buildCourse } from "../helpers/courses";

const userCount = async () => Number((await db.selectFrom("users").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
const events = (action: string, subjectId: number) =>
  db.selectFrom("audit_events").selectAll().where("action", "=", action).where("subject_id", "=", String(subjectId)).execute();

describe("abuse limits", () => {
  it("sign-ups from one address stop at the limit, with a 429 in the user's language, creating nothing more", async () => {
    const ip = `10.77.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
    // Use up the window without paying Argon2 for each: the counter is what the limit reads.
    const { consumeThrottle } = await import("~/lib/throttle.server");
    const now = new Date().toISOString();
    for (let i = 0; i < SIGNUP_IP_LIMIT.max; i++) await consumeThrottle(db, SIGNUP_IP_LIMIT, ip, now);
    const before = await userCount();
    const form = { fullName: "Lê Ngọc Ánh", role: "student", locale: "vi", email: uniqueEmail(), password: "mot-cau-de-nho-123" };
    const res = await callAction(signupAction, await makeRequest("/signup", { form }), {}, { clientIp: ip });
    expect(res.status).toBe(429);
    expect(fieldErrorsOf(res)).toEqual({ "": ["auth.signup.throttled"] });
    expect(await userCount()).toBe(before);
    // Another address still signs up, and the sign-up is in the security log.
    const email = uniqueEmail();
    const ok = await callAction(signupAction, await makeRequest("/signup", { form: { ...form, email } }), {}, { clientIp: "10.78.0.1" });
    expect(ok.status).toBe(302);
    expect(await db.selectFrom("users").select("id").where("email", "=", form.email).executeTakeFirst()).toBeUndefined();
    const created = await db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow();
    expect(await events("auth.signup", created.id)).toMatchObject([{ actor_id: created.id, ip: "10.78.0.1" }]);
  });

  it("wrong current passwords are throttled (even the right one then), the feed address rotates on a change, both logged", async () => {
    const user = await createTestUser();
    const oldToken = await regenerateFeedToken(db, user.id, NOW);
    const change = async (current: string, ip = "10.5.0.1") =>
      callAction(accountAction, await makeRequest("/account", { userId: user.id, form: { intent: "password", currentPassword: current, newPassword: "a-brand-new-passphrase" } }), {}, { clientIp: ip });
    for (let i = 0; i < PASSWORD_CHANGE_LIMIT.max; i++) expect((await change("wrong-guess-xyz")).status).toBe(400);
    const blocked = await change(TEST_PASSWORD);
    expect(blocked.status).toBe(429);
    expect(fieldErrorsOf(blocked)).toEqual({ currentPassword: ["account.password.throttled"] });
    expect(await getFeedToken(db, user.id)).toBe(oldToken);
    expect(await events("auth.loginFailed", user.id)).toHaveLength(PASSWORD_CHANGE_LIMIT.max);

    const other = await createTestUser();
    const token = await regenerateFeedToken(db, other.id, NOW);
    const ok = await callAction(
      accountAction,
      await makeRequest("/account", { userId: other.id, form: { intent: "password", currentPassword: TEST_PASSWORD, newPassword: "a-brand-new-passphrase" } }),
      {},
      { clientIp: "10.5.0.9" },
    );
    expect(ok.status).toBe(200);
    const rotated = await getFeedToken(db, other.id);
    expect(rotated).toBeTruthy();
    expect(rotated).not.toBe(token);
    const logged = await events("auth.passwordChanged", other.id);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ actor_id: other.id, ip: "10.5.0.9" });
    // A user without a feed does not get one by changing the password.
    expect(await getFeedToken(db, (await createTestUser()).id)).toBeNull();
  });

  it("wrong enrolment keys are throttled per student; a right key does not count; staff cannot set a key shorter than 6", async () => {
    const keyed = await buildCourse({ settings: { enrolmentMode: "key", enrolmentKey: "robot-2026" } });
    const s = await createTestUser();
    for (let i = 0; i < ENROL_KEY_LIMIT.max; i++) {
      expect(await enrolInCourse(db, { userId: s.id, programId: keyed.programId, source: "self", key: `guess-${i}`, now: NOW })).toMatchObject({ reason: "wrongKey" });
    }
    expect(await enrolInCourse(db, { userId: s.id, programId: keyed.programId, source: "self", key: "robot-2026", now: NOW })).toMatchObject({ reason: "keyThrottled" });
    expect(await db.selectFrom("enrolments").select("id").where("user_id", "=", s.id).execute()).toEqual([]);
    const s2 = await createTestUser();
    for (let i = 0; i < ENROL_KEY_LIMIT.max + 3; i++) {
      const r = await enrolInCourse(db, { userId: s2.id, programId: keyed.programId, source: "self", key: "robot-2026", now: NOW });
      expect(r.ok).toBe(true);
    }
    const short = courseSchema.safeParse({ ...baseCourse, enrolmentMode: "key", enrolmentKey: "abc" });
    expect(short.success).toBe(false);
    expect(short.error!.issues.map((i) => i.message)).toContain("courses.errors.keyTooShort");
    expect(courseSchema.safeParse({ ...baseCourse, enrolmentMode: "key", enrolmentKey: "abcdef" }).success).toBe(true);
  });

  it("opening join links (GET) never blocks joining (POST); links have their own budget", async () => {
    const t = await approvedTeacher(db);
    const cls = await classOf(db, t.id, t.schoolId);
    const code = (await db.selectFrom("classes").select("join_code").where("id", "=", cls).executeTakeFirstOrThrow()).join_code!;
    const s = await createTestUser({ role: "student" });
    const view = async (c: string) => callLoader(joinLinkLoader, await makeRequest(`/join/${c}`, { userId: s.id }), { code: c }, { clientIp: "10.9.0.1" });
    for (let i = 0; i < JOIN_VIEW_LIMIT.max; i++) expect((await view("WRNG2222")).status).toBe(404);
    expect((await view(code)).status).toBe(429);
    expect(JOIN_VIEW_LIMIT.max).toBeGreaterThan(JOIN_USER_LIMIT.max);
    const joined = await callAction(joinLinkAction, await makeRequest(`/join/${code}`, { userId: s.id, form: {} }), { code }, { clientIp: "10.9.0.1" });
    expect(joined.location).toContain("notice.join.joined");
  });

  it("a role change is logged with who, what, when and from where", async () => {
    const admin = await createTestUser({ role: "admin" });
    const u = await createTestUser({ role: "teacher" });
    const r = await callAction(adminUsersAction, await makeRequest("/admin/users", { userId: admin.id, form: { userId: u.id, role: "staff" } }), {}, { clientIp: "10.3.3.3" });
    expect(r.status).toBe(200);
    const [e] = await events("user.roleChanged", u.id);
    expect(e).toMatchObject({ actor_id: admin.id, ip: "10.3.3.3" });
    expect(JSON.parse(e.details)).toEqual({ from: "teacher", to: "staff" });
  });
});

const baseCourse = { slug: "khoa-hoc-khoa", titleVi: "Khóa học có mã" };
