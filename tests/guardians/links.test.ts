// Linking guardians (issue 16): who may link whom, single-use tokens, at most two guardians even under parallel
// requests, removal by the student, and the routes' denials (tables re-read: nothing changed).
import { describe, expect, it } from "vitest";
import { acceptGuardianInvitation, createGuardianCode, describeInvitation, inviteGuardianByEmail, loadStudentGuardians, removeGuardian, signUpGuardian } from "~/guardians/links.server";
import { db } from "~/lib/db.server";
import { hashToken } from "~/mail/tokens.server";
import { action as codeAction, loader as codeLoader } from "~/routes/classes.$classId.guardians";
import { action as linkAction, loader as linkLoader } from "~/routes/guardians.link.$token";
import { action as accountAction, loader as accountLoader } from "~/routes/account_.guardians";
import { createTestUser, testPasswordHash } from "../helpers/factories";
import { callAction, callLoader, makeRequest } from "../helpers/http";
import { approvedTeacher, classOf } from "../helpers/classes";
import { sessionUserOf } from "../helpers/tours";
import { addMember } from "~/classes/members.server";

const NOW = "2026-11-30T08:00:00.000Z";
const LATER = "2026-11-30T09:00:00.000Z";
const ip = "203.0.113.9";

async function managedStudentInClass() {
  const t = await approvedTeacher(db);
  const cls = await classOf(db, t.id, t.schoolId);
  const s = await createTestUser({ role: "student", email: null, username: `hs${Math.random().toString(36).slice(2, 9)}` });
  await addMember(db, { classId: cls, studentId: s.id, via: "created", now: NOW });
  await db.insertInto("managed_accounts").values({ student_id: s.id, created_by: t.id, created_at: NOW }).execute();
  return { t, cls, s };
}

async function codeFor(studentId: number, cls: number, teacherId: number, now = NOW) {
  const r = await createGuardianCode(db, { classId: cls, studentId, actor: { userId: teacherId, ip }, now });
  if (!r.ok) throw new Error(r.reason);
  return r.value.token;
}

async function tables(studentId: number) {
  return {
    links: await db.selectFrom("guardian_links").selectAll().where("student_id", "=", studentId).orderBy("id").execute(),
    invitations: await db.selectFrom("guardian_invitations").selectAll().where("student_id", "=", studentId).orderBy("id").execute(),
  };
}

describe("guardian invitations and links", () => {
  it("a student invites by e-mail: the hashed token goes in the outbox's secret, the link works once", async () => {
    const s = await createTestUser({ role: "student" });
    const g = await createTestUser({ role: "guardian" });
    const student = await sessionUserOf(db, s.id);
    expect(await inviteGuardianByEmail(db, { student, email: ` ${g.email!.toUpperCase()} `, ip, now: NOW })).toEqual({ ok: true, value: { sent: true } });
    const mail = await db.selectFrom("email_outbox").selectAll().where("template", "=", "guardianInvitation").where("to_address", "=", g.email!).executeTakeFirstOrThrow();
    const token = JSON.parse(mail.secret!).token as string;
    expect(JSON.parse(mail.params).link).toBe("/guardians/link/{token}");
    const [inv] = (await tables(s.id)).invitations;
    expect(inv.token_hash).toBe(hashToken(token));
    expect(inv.token_hash).not.toContain(token);
    expect(await describeInvitation(db, { token, now: LATER })).toEqual({ studentName: student.fullName });
    const guardian = await sessionUserOf(db, g.id);
    expect(await acceptGuardianInvitation(db, { token, user: guardian, ip, now: LATER })).toEqual({ ok: true, value: { studentId: s.id } });
    const other = await createTestUser({ role: "guardian" });
    const before = await tables(s.id);
    expect(await acceptGuardianInvitation(db, { token, user: await sessionUserOf(db, other.id), ip, now: LATER })).toMatchObject({ ok: false, reason: "invalidLink" });
    expect(await tables(s.id)).toEqual(before);
    expect(before.links).toMatchObject([{ guardian_id: g.id, place: 1, invited_by: s.id }]);
    const audit = await db.selectFrom("audit_events").select("action").where("subject_type", "=", "user").where("subject_id", "=", String(s.id)).orderBy("id").execute();
    expect(audit.map((a) => a.action)).toEqual(["guardian.invited", "guardian.linked"]);
  });

  it("a student has at most 5 open e-mail invitations (nothing queued beyond)", async () => {
    const s = await createTestUser({ role: "student" });
    const student = await sessionUserOf(db, s.id);
    for (let i = 0; i < 5; i++) expect((await inviteGuardianByEmail(db, { student, email: `ph${i}@example.com`, ip, now: NOW })).ok).toBe(true);
    const before = await tables(s.id);
    expect(await inviteGuardianByEmail(db, { student, email: "ph6@example.com", ip, now: NOW })).toMatchObject({ ok: false, reason: "tooMany" });
    expect(await tables(s.id)).toEqual(before);
    expect(await db.selectFrom("email_outbox").select("id").where("to_address", "=", "ph6@example.com").executeTakeFirst()).toBeUndefined();
  });

  it("only guardian accounts link; an expired token does nothing; teachers and other students cannot invite", async () => {
    const { t, cls, s } = await managedStudentInClass();
    const token = await codeFor(s.id, cls, t.id);
    const before = await tables(s.id);
    for (const role of ["student", "teacher", "coordinator", "staff"] as const) {
      const u = await createTestUser({ role });
      expect(await acceptGuardianInvitation(db, { token, user: await sessionUserOf(db, u.id), ip, now: LATER })).toMatchObject({ ok: false, reason: "guardiansOnly" });
    }
    const g = await createTestUser({ role: "guardian" });
    const eightDaysLater = new Date(Date.parse(NOW) + 8 * 86400_000).toISOString();
    expect(await acceptGuardianInvitation(db, { token, user: await sessionUserOf(db, g.id), ip, now: eightDaysLater })).toMatchObject({ ok: false, reason: "invalidLink" });
    expect(await tables(s.id)).toEqual(before);
    const teacher = await sessionUserOf(db, t.id);
    expect(await inviteGuardianByEmail(db, { student: teacher, email: "x@example.com", ip, now: NOW })).toMatchObject({ ok: false, reason: "studentsOnly" });
  });

  it("a teacher prints codes only for managed students of their class", async () => {
    const { t, cls } = await managedStudentInClass();
    const withEmail = await createTestUser({ role: "student" });
    await addMember(db, { classId: cls, studentId: withEmail.id, via: "code", now: NOW });
    const elsewhere = await createTestUser({ role: "student", email: null, username: `hs${Math.random().toString(36).slice(2, 9)}` });
    expect(await createGuardianCode(db, { classId: cls, studentId: withEmail.id, actor: { userId: t.id, ip }, now: NOW })).toMatchObject({ ok: false, reason: "notManaged" });
    expect(await createGuardianCode(db, { classId: cls, studentId: elsewhere.id, actor: { userId: t.id, ip }, now: NOW })).toMatchObject({ ok: false, reason: "notFound" });
    expect((await tables(withEmail.id)).invitations).toEqual([]);
    expect((await tables(elsewhere.id)).invitations).toEqual([]);
  });

  it("at most two guardians, also when three links are followed at once; a removed guardian frees the place", async () => {
    const { t, cls, s } = await managedStudentInClass();
    const tokens = [await codeFor(s.id, cls, t.id), await codeFor(s.id, cls, t.id), await codeFor(s.id, cls, t.id)];
    const guardians = await Promise.all([1, 2, 3].map(() => createTestUser({ role: "guardian" })));
    const results = await Promise.all(guardians.map(async (g, i) => acceptGuardianInvitation(db, { token: tokens[i], user: await sessionUserOf(db, g.id), ip, now: LATER })));
    expect(results.filter((r) => r.ok)).toHaveLength(2);
    expect(results.filter((r) => !r.ok)).toMatchObject([{ reason: "full" }]);
    const after = await tables(s.id);
    expect(after.links.map((l) => l.place).sort()).toEqual([1, 2]);
    // The refused token stays unused (nothing changed for it).
    expect(after.invitations.filter((i) => i.used_at === null)).toHaveLength(1);
    expect(await createGuardianCode(db, { classId: cls, studentId: s.id, actor: { userId: t.id, ip }, now: LATER })).toMatchObject({ ok: false, reason: "full" });
    const linked = after.links[0].guardian_id;
    expect(await removeGuardian(db, { student: { id: s.id }, guardianId: linked, ip, now: LATER })).toEqual({ ok: true, value: undefined });
    const loser = guardians[results.findIndex((r) => !r.ok)];
    expect(await acceptGuardianInvitation(db, { token: tokens[results.findIndex((r) => !r.ok)], user: await sessionUserOf(db, loser.id), ip, now: LATER })).toMatchObject({ ok: true });
    expect((await loadStudentGuardians(db, { studentId: s.id, now: LATER })).guardians).toHaveLength(2);
  });

  it("the same token used twice at once links once", async () => {
    const { t, cls, s } = await managedStudentInClass();
    const token = await codeFor(s.id, cls, t.id);
    const [g1, g2] = [await createTestUser({ role: "guardian" }), await createTestUser({ role: "guardian" })];
    const results = await Promise.all([g1, g2].map(async (g) => acceptGuardianInvitation(db, { token, user: await sessionUserOf(db, g.id), ip, now: LATER })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect((await tables(s.id)).links).toHaveLength(1);
  });

  it("signing up as a guardian needs a working link; the account exists only linked", async () => {
    const { t, cls, s } = await managedStudentInClass();
    const token = await codeFor(s.id, cls, t.id);
    const email = `ph${Math.random().toString(36).slice(2, 8)}@test.example`;
    const dead = await signUpGuardian(db, { token: "x".repeat(43), fullName: "Nguyễn Văn Ba", email, passwordHash: await testPasswordHash(), locale: "vi", ip, now: LATER });
    expect(dead).toMatchObject({ ok: false, reason: "invalidLink" });
    expect(await db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirst()).toBeUndefined();
    const r = await signUpGuardian(db, { token, fullName: "Nguyễn Văn Ba", email, passwordHash: await testPasswordHash(), locale: "vi", ip, now: LATER });
    expect(r.ok).toBe(true);
    const u = await db.selectFrom("users").select(["id", "role"]).where("email", "=", email).executeTakeFirstOrThrow();
    expect(u.role).toBe("guardian");
    expect((await tables(s.id)).links).toMatchObject([{ guardian_id: u.id }]);
    // A teacher-created student without an e-mail address: the in-app notice only, no mail.
    expect(await db.selectFrom("email_outbox").select("id").where("template", "=", "guardianLinked").where("to_user_id", "=", s.id).executeTakeFirst()).toBeUndefined();
  });

  it("when a guardian links, the student gets a mail in their own language (through the outbox)", async () => {
    const s = await createTestUser({ role: "student" });
    await db.updateTable("users").set({ locale: "en" }).where("id", "=", s.id).execute();
    const g = await createTestUser({ role: "guardian", fullName: "Trần Thị Mẹ" });
    const student = await sessionUserOf(db, s.id);
    expect((await inviteGuardianByEmail(db, { student, email: g.email!, ip, now: NOW })).ok).toBe(true);
    const invite = await db.selectFrom("email_outbox").selectAll().where("template", "=", "guardianInvitation").where("to_address", "=", g.email!).executeTakeFirstOrThrow();
    const token = JSON.parse(invite.secret!).token as string;
    expect(await db.selectFrom("email_outbox").select("id").where("template", "=", "guardianLinked").where("to_user_id", "=", s.id).executeTakeFirst()).toBeUndefined();
    expect((await acceptGuardianInvitation(db, { token, user: await sessionUserOf(db, g.id), ip, now: LATER })).ok).toBe(true);
    const mails = await db.selectFrom("email_outbox").selectAll().where("template", "=", "guardianLinked").where("to_user_id", "=", s.id).execute();
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ to_address: s.email, locale: "en", status: "pending" });
    expect(JSON.parse(mails[0]!.params)).toMatchObject({ guardianName: "Trần Thị Mẹ", guardianEmail: g.email, link: "/account/guardians" });
    const { readStoredParams, renderEmail } = await import("~/mail/render.server");
    const mail = renderEmail({ template: "guardianLinked", locale: "en", params: readStoredParams(mails[0]!.params).params, secret: null, origin: "https://stem.example" });
    expect(mail.subject).toContain("A guardian has linked to your account");
    expect(mail.text).toContain("Trần Thị Mẹ");
    expect(mail.link).toBe("https://stem.example/account/guardians");
  });
});

describe("guardian routes", () => {
  it("the link page signs a guardian up and links; a second use of the link is refused and changes nothing", async () => {
    const { t, cls, s } = await managedStudentInClass();
    const token = await codeFor(s.id, cls, t.id);
    const page = await callLoader(linkLoader, await makeRequest(`/guardians/link/${token}`), { token });
    expect(page.data).toMatchObject({ studentName: expect.any(String), who: "anonymous" });
    const email = `ph${Math.random().toString(36).slice(2, 8)}@test.example`;
    const form = { intent: "signup", fullName: "Trần Thị Bốn", email, password: "một câu đủ dài để nhớ" };
    const r = await callAction(linkAction, await makeRequest(`/guardians/link/${token}`, { form }), { token });
    expect(r.location).toBe("/guardian?notice=notice.guardians.linked");
    expect(r.headers.get("Set-Cookie")).toBeTruthy();
    const before = await tables(s.id);
    const again = await callAction(linkAction, await makeRequest(`/guardians/link/${token}`, { form: { ...form, email: `x${email}` } }), { token });
    expect(again.status).toBe(410);
    expect(await tables(s.id)).toEqual(before);
    expect(await db.selectFrom("users").select("id").where("email", "=", `x${email}`).executeTakeFirst()).toBeUndefined();
  });

  it("a teacher of another school cannot print codes for the class (404/403, nothing written)", async () => {
    const { cls, s } = await managedStudentInClass();
    const other = await approvedTeacher(db);
    const get = await callLoader(codeLoader, await makeRequest(`/classes/${cls}/guardians`, { userId: other.id }), { classId: String(cls) });
    expect([403, 404]).toContain(get.status);
    const post = await callAction(codeAction, await makeRequest(`/classes/${cls}/guardians`, { userId: other.id, form: { studentId: s.id } }), { classId: String(cls) });
    expect([403, 404]).toContain(post.status);
    expect((await tables(s.id)).invitations).toEqual([]);
  });

  it("the class's teacher prints a card with a link and a QR code", async () => {
    const { t, cls, s } = await managedStudentInClass();
    const list = await callLoader(codeLoader, await makeRequest(`/classes/${cls}/guardians`, { userId: t.id }), { classId: String(cls) });
    expect(list.data.students.map((x: { id: number }) => x.id)).toEqual([s.id]);
    const post = await callAction(codeAction, await makeRequest(`/classes/${cls}/guardians`, { userId: t.id, form: { studentId: s.id } }), { classId: String(cls) });
    expect(post.data.card.link).toMatch(/\/guardians\/link\/[A-Za-z0-9_-]{43}$/);
    expect(post.data.card.qr).toMatch(/^data:image\/svg\+xml;base64,/);
  });

  it("a student removes only their own guardian; someone else's link is a 404", async () => {
    const { t, cls, s } = await managedStudentInClass();
    const g = await createTestUser({ role: "guardian" });
    await acceptGuardianInvitation(db, { token: await codeFor(s.id, cls, t.id), user: await sessionUserOf(db, g.id), ip, now: LATER });
    const stranger = await createTestUser({ role: "student" });
    const before = await tables(s.id);
    const r = await callAction(accountAction, await makeRequest("/account/guardians", { userId: stranger.id, form: { intent: "remove", guardianId: g.id, confirm: "yes" } }));
    expect(r.status).toBe(404);
    expect(await tables(s.id)).toEqual(before);
    const noConfirm = await callAction(accountAction, await makeRequest("/account/guardians", { userId: s.id, form: { intent: "remove", guardianId: g.id } }));
    expect(noConfirm.status).toBe(400);
    expect(await tables(s.id)).toEqual(before);
    const ok = await callAction(accountAction, await makeRequest("/account/guardians", { userId: s.id, form: { intent: "remove", guardianId: g.id, confirm: "yes" } }));
    expect(ok.location).toBe("/account/guardians?notice=notice.guardians.removed");
    expect((await tables(s.id)).links).toEqual([]);
    const page = await callLoader(accountLoader, await makeRequest("/account/guardians", { userId: s.id }));
    expect(page.data.guardians).toEqual([]);
    const asGuardian = await callLoader(accountLoader, await makeRequest("/account/guardians", { userId: g.id }));
    expect(asGuardian.status).toBe(403);
  });
});
