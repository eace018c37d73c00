import { describe, expect, it } from "vitest";
import { attemptLogin } from "~/auth/login.server";
import { JOIN_IP_LIMIT, JOIN_USER_LIMIT } from "~/classes/join.server";
import { db } from "~/lib/db.server";
import { nowIso } from "~/lib/time";
import { action as joinAction } from "~/routes/join._index";
import { action as joinLinkAction, loader as joinLinkLoader } from "~/routes/join.$code";
import { action as leaveAction, loader as joinedLoader } from "~/routes/classes.joined";
import { action as bulkAction } from "~/routes/classes.$classId.accounts.bulk";
import { action as membersAction } from "~/routes/classes.$classId.members";
import { createTestUser } from "../helpers/factories";
import { callAction, callLoader, makeRequest } from "../helpers/http";
import { approvedTeacher, classOf } from "../helpers/classes";

const p = (id: number) => ({ classId: String(id) });
const codeOf = async (id: number) => (await db.selectFrom("classes").select("join_code").where("id", "=", id).executeTakeFirstOrThrow()).join_code!;
const members = async (id: number) => (await db.selectFrom("class_members").select("student_id").where("class_id", "=", id).execute()).map((r) => r.student_id);

describe("joining with a code", () => {
  it("a student joins with the code in any case or spacing; twice is harmless; a teacher cannot join", async () => {
    const t = await approvedTeacher(db);
    const cls = await classOf(db, t.id, t.schoolId);
    const s = await createTestUser({ role: "student" });
    const code = await codeOf(cls);
    const typed = `${code.slice(0, 4).toLowerCase()} ${code.slice(4)}`;
    const r = await callAction(joinAction, await makeRequest("/join", { userId: s.id, form: { code: typed } }));
    expect(r.location).toBe("/classes/joined?notice=notice.join.joined");
    expect(await members(cls)).toEqual([s.id]);
    expect((await callAction(joinAction, await makeRequest("/join", { userId: s.id, form: { code } }))).location).toContain("notice.join.already");
    const teacher = await createTestUser({ role: "teacher" });
    const notStudent = await callAction(joinAction, await makeRequest("/join", { userId: teacher.id, form: { code } }));
    expect(notStudent.status).toBe(403);
    expect(notStudent.data.submission.error[""]).toEqual(["join.errors.notStudent"]);
    expect(await members(cls)).toEqual([s.id]);
    expect((await callAction(joinAction, await makeRequest("/join", { userId: s.id, form: { code: "" } }))).status).toBe(400);
  });

  it("a join link shows the class on GET without joining, and joins on POST", async () => {
    const t = await approvedTeacher(db);
    const cls = await classOf(db, t.id, t.schoolId, "7A3 — CLB Khoa học");
    const s = await createTestUser({ role: "student" });
    const code = await codeOf(cls);
    const shown = await callLoader(joinLinkLoader, await makeRequest(`/join/${code}`, { userId: s.id }), { code });
    expect(shown.data.found.className).toBe("7A3 — CLB Khoa học");
    expect(await members(cls)).toEqual([]);
    const joined = await callAction(joinLinkAction, await makeRequest(`/join/${code}`, { userId: s.id, method: "POST" }), { code });
    expect(joined.status).toBe(302);
    expect(await members(cls)).toEqual([s.id]);
    const unknown = await callLoader(joinLinkLoader, await makeRequest(`/join/ZZZZZZZZ`, { userId: s.id }), { code: "ZZZZZZZZ" });
    expect(unknown.status).toBe(404);
    expect(unknown.data).toEqual({ found: null, error: "join.errors.invalid" });
    // A teacher opening or confirming the link: 403 with its message, nobody joins.
    const teacher = await createTestUser({ role: "teacher" });
    const shownToTeacher = await callLoader(joinLinkLoader, await makeRequest(`/join/${code}`, { userId: teacher.id }), { code });
    expect(shownToTeacher.status).toBe(403);
    expect(shownToTeacher.data.error).toBe("join.errors.notStudent");
    const postedByTeacher = await callAction(joinLinkAction, await makeRequest(`/join/${code}`, { userId: teacher.id, method: "POST" }), { code });
    expect(postedByTeacher.status).toBe(403);
    expect(postedByTeacher.data.submission.error[""]).toEqual(["join.errors.notStudent"]);
    const wrongCode = await callAction(joinLinkAction, await makeRequest(`/join/QQQQ2222`, { userId: s.id, method: "POST" }), { code: "QQQQ2222" });
    expect(wrongCode.status).toBe(400);
    expect(await members(cls)).toEqual([s.id]);
  });

  it("wrong, switched-off and archived-class codes get the same message", async () => {
    const t = await approvedTeacher(db);
    const cls = await classOf(db, t.id, t.schoolId);
    const s = await createTestUser({ role: "student" });
    const code = await codeOf(cls);
    const tryCode = async (c: string) => (await callAction(joinAction, await makeRequest("/join", { userId: s.id, form: { code: c } }))).data.submission.error.code;
    await db.updateTable("classes").set({ archived_at: new Date().toISOString() }).where("id", "=", cls).execute();
    expect(await tryCode(code)).toEqual(["join.errors.invalid"]);
    await db.updateTable("classes").set({ archived_at: null, join_code: null }).where("id", "=", cls).execute();
    expect(await tryCode(code)).toEqual(["join.errors.invalid"]);
    expect(await tryCode("QQQQ2222")).toEqual(["join.errors.invalid"]);
    expect(await members(cls)).toEqual([]);
  });

  it("throttles guessing: 10 failures per student, then 429 even with the right code; 30 per address", async () => {
    const t = await approvedTeacher(db);
    const cls = await classOf(db, t.id, t.schoolId);
    const code = await codeOf(cls);
    const s = await createTestUser({ role: "student" });
    const ip = { clientIp: "10.0.0.7" };
    for (let i = 0; i < JOIN_USER_LIMIT.max; i++) {
      const r = await callAction(joinAction, await makeRequest("/join", { userId: s.id, form: { code: `WRNG${2000 + i}`.replace(/[01]/g, "2") } }), {}, ip);
      expect(r.status).toBe(400);
    }
    const blocked = await callAction(joinAction, await makeRequest("/join", { userId: s.id, form: { code } }), {}, ip);
    expect(blocked.status).toBe(429);
    expect(blocked.data.submission.error.code).toEqual(["join.errors.throttled"]);
    expect(await members(cls)).toEqual([]);
    // From one address, many accounts: the address limit stops them too.
    const ip2 = { clientIp: "10.0.0.8" };
    const statuses: number[] = [];
    for (let i = 0; i < JOIN_IP_LIMIT.max + 1; i++) {
      const other = await createTestUser({ role: "student" });
      statuses.push((await callAction(joinAction, await makeRequest("/join", { userId: other.id, form: { code: "BAD2BAD2" } }), {}, ip2)).status);
    }
    // Exactly the limit is answered normally, the next one is refused: a lower limit fails here too.
    expect(statuses).toEqual([...Array(JOIN_IP_LIMIT.max).fill(400), 429]);
  });

  it("a student leaves a class from /classes/joined; only their own membership", async () => {
    const t = await approvedTeacher(db);
    const cls = await classOf(db, t.id, t.schoolId);
    const s = await createTestUser({ role: "student" });
    const s2 = await createTestUser({ role: "student" });
    for (const u of [s, s2]) await callAction(joinAction, await makeRequest("/join", { userId: u.id, form: { code: await codeOf(cls) } }));
    expect((await callLoader(joinedLoader, await makeRequest("/classes/joined", { userId: s.id }))).data.classes).toHaveLength(1);
    const left = await callAction(leaveAction, await makeRequest("/classes/joined", { userId: s.id, form: { intent: "leave", classId: cls, confirm: "yes" } }));
    expect(left.location).toContain("notice.classes.left");
    expect(await members(cls)).toEqual([s2.id]);
    expect((await callAction(leaveAction, await makeRequest("/classes/joined", { userId: s.id, form: { intent: "leave", classId: "x" } }))).status).toBe(400);
    expect((await callLoader(joinedLoader, await makeRequest("/classes/joined", { userId: t.id }))).status).toBe(403);
  });
});

describe("creating student accounts in bulk", () => {
  const bulk = async (userId: number, cls: number, form: Record<string, string> | FormData) =>
    callAction(bulkAction, await makeRequest(`/classes/${cls}/accounts/bulk`, { userId, form }), p(cls));

  it("creates accounts from pasted names, shows the passwords once, and the students log in with the username", async () => {
    const t = await approvedTeacher(db);
    const cls = await classOf(db, t.id, t.schoolId);
    const r = await bulk(t.id, cls, { names: "Nguyễn Thị Phương Thảo, 2012\nĐặng Văn Đạt\nNguyễn Thị Phương Thảo, 2013" });
    expect(r.status).toBe(200);
    expect(r.headers.get("Cache-Control")).toContain("no-store");
    const cards = r.data.cards.cards as { fullName: string; username: string; password: string }[];
    expect(cards.map((c) => c.username)).toEqual(["thao.ntp", "dat.dv", "thao.ntp2"]);
    expect(r.data.cards.labels.username).toBe("Tên đăng nhập");
    const users = await db.selectFrom("users").selectAll().where("username", "in", cards.map((c) => c.username)).execute();
    expect(users.every((u) => u.role === "student" && u.email === null && u.grade === 8 && !u.password_hash.includes(cards[0].password))).toBe(true);
    expect(users.find((u) => u.username === "thao.ntp")!.birth_year).toBe(2012);
    const ok = await attemptLogin(db, { identifier: "THAO.NTP", password: cards[0].password, ip: "1.1.1.1", now: nowIso() });
    expect(ok.ok).toBe(true);
    expect(await members(cls)).toHaveLength(3);
    expect(await db.selectFrom("managed_accounts").select("student_id").where("created_by", "=", t.id).execute()).toHaveLength(3);
    // The same list again (a double submit): every line is refused as already in the class, nothing created.
    const again = await bulk(t.id, cls, { names: "Nguyễn Thị Phương Thảo, 2012\nĐặng Văn Đạt" });
    expect(again.status).toBe(400);
    expect(again.data.report.refused.map((x: { reason: string }) => x.reason)).toEqual(["alreadyInClass", "alreadyInClass"]);
    expect(await members(cls)).toHaveLength(3);
  });

  it("two identical submits at once create the list once (the second is refused as already in the class)", async () => {
    const t = await approvedTeacher(db);
    const cls = await classOf(db, t.id, t.schoolId);
    const names = "Đinh Công Tráng\nLý Thường Kiệt\nMạc Thị Bưởi";
    const [a, b] = await Promise.all([bulk(t.id, cls, { names }), bulk(t.id, cls, { names })]);
    expect([a.status, b.status].sort()).toEqual([200, 400]);
    const refused = a.status === 400 ? a : b;
    expect(refused.data.report.refused.map((r: { reason: string }) => r.reason)).toEqual(["alreadyInClass", "alreadyInClass", "alreadyInClass"]);
    expect(await members(cls)).toHaveLength(3);
  });

  it("creates 200 accounts in one go (hashing before the transaction)", async () => {
    const t = await approvedTeacher(db);
    const cls = await classOf(db, t.id, t.schoolId);
    // 200 different names ("Học Sinh Aa", "Học Sinh Ba", …): letters only, as names must be.
    const unique = Array.from({ length: 200 }, (_, i) => `Học Sinh ${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`);
    const started = performance.now();
    const r = await bulk(t.id, cls, { names: unique.join("\n") });
    const ms = performance.now() - started;
    expect(r.status).toBe(200);
    expect(r.data.cards.cards).toHaveLength(200);
    expect(new Set(r.data.cards.cards.map((c: { username: string }) => c.username)).size).toBe(200);
    expect(await members(cls)).toHaveLength(200);
    console.log(`bulk accounts: 200 created in ${Math.round(ms)} ms`);
  });

  it("with refused lines creates nothing, unless asked to skip them; cards can be English", async () => {
    const t = await approvedTeacher(db);
    const cls = await classOf(db, t.id, t.schoolId);
    const before = (await db.selectFrom("users").select("id").execute()).length;
    const names = "Lê Văn An\nLê Văn An\nbad@name\nPhạm Bình, 1800";
    const refused = await bulk(t.id, cls, { names });
    expect(refused.status).toBe(400);
    expect(refused.data.submission.error[""]).toEqual(["classes.bulk.errors.hasRefused"]);
    // The repeated name is kept (with a warning and its own username); the two bad lines are refused.
    expect(refused.data.report.accepted).toHaveLength(2);
    expect(refused.data.report.sameName).toEqual([{ line: 2, otherLine: 1, text: "Lê Văn An" }]);
    expect(refused.data.report.refused).toHaveLength(2);
    expect((await db.selectFrom("users").select("id").execute()).length).toBe(before);
    const skipped = await bulk(t.id, cls, { names, skipInvalid: "on", cardLocale: "en" });
    expect(skipped.status).toBe(200);
    expect(skipped.data.cards.cards).toHaveLength(2);
    const [a, b] = skipped.data.cards.cards.map((c: { username: string }) => c.username);
    expect(a).not.toBe(b);
    expect(skipped.data.cards.labels.username).toBe("Username");
  });

  it("reads an uploaded CSV and refuses a non-UTF-8 file or wrong columns with nothing created", async () => {
    const t = await approvedTeacher(db);
    const cls = await classOf(db, t.id, t.schoolId);
    const upload = (bytes: Uint8Array) => {
      const fd = new FormData();
      fd.set("names", "");
      fd.set("file", new File([Buffer.from(bytes)], "lop.csv", { type: "text/csv" }));
      return fd;
    };
    const latin = await bulk(t.id, cls, upload(new Uint8Array([0x54, 0x68, 0xe1, 0xd2, 0x6f, 0x0a])));
    expect(latin.status).toBe(400);
    expect(latin.data.submission.error[""]).toEqual(["classes.bulk.errors.notUtf8"]);
    const wrong = await bulk(t.id, cls, upload(new TextEncoder().encode("STT,Họ tên,Lớp\n1,An,8A1\n")));
    expect(wrong.data.submission.error[""]).toEqual(["classes.bulk.errors.wrongColumns"]);
    const tooMany = await bulk(t.id, cls, upload(new TextEncoder().encode(Array.from({ length: 1001 }, () => "Nguyễn An").join("\n"))));
    expect(tooMany.data.submission.error[""]).toEqual(["classes.bulk.errors.tooManyRows"]);
    const huge = await bulk(t.id, cls, upload(new TextEncoder().encode("Nguyễn Văn An\n".repeat(40_000))));
    expect(huge.status).toBe(413);
    expect(huge.data.submission.error[""]).toEqual(["classes.bulk.errors.fileTooLarge"]);
    expect(await members(cls)).toEqual([]);
    const good = await bulk(t.id, cls, upload(new TextEncoder().encode("\uFEFFHọ và tên;Năm sinh\r\nTrần Thị Mai;2012\r\n\r\nVõ Minh Khôi;2013\r\n")));
    expect(good.status).toBe(200);
    expect(good.data.cards.cards.map((c: { username: string }) => c.username)).toEqual(["mai.tt", "khoi.vm"]);
  });

  it("is refused for a teacher whose school membership is pending, and for a co-teacher of another class", async () => {
    const owner = await approvedTeacher(db);
    const cls = await classOf(db, owner.id, owner.schoolId);
    const pending = await createTestUser({ role: "teacher" });
    await db.insertInto("school_memberships").values({ school_id: owner.schoolId, user_id: pending.id, role: "teacher", status: "pending", created_at: new Date().toISOString(), decided_at: null, decided_by: null }).execute();
    // Make them a co-teacher directly (an owner could not add a pending teacher): the membership still decides.
    await db.insertInto("class_teachers").values({ class_id: cls, teacher_id: pending.id, role: "co_teacher", created_at: new Date().toISOString() }).execute();
    const r = await bulk(pending.id, cls, { names: "Lê Văn An" });
    expect(r.status).toBe(403);
    expect(r.data.submission.error[""]).toEqual(["classes.bulk.notApproved"]);
    const other = await approvedTeacher(db, owner.schoolId);
    expect((await bulk(other.id, cls, { names: "Lê Văn An" })).status).toBe(403);
    expect(await members(cls)).toEqual([]);
  });

  it("resets a managed account's password with a new card, only for the class's teachers and managed accounts", async () => {
    const t = await approvedTeacher(db);
    const cls = await classOf(db, t.id, t.schoolId);
    const created = await bulk(t.id, cls, { names: "Huỳnh Gia Bảo" });
    const card = created.data.cards.cards[0];
    const student = await db.selectFrom("users").select("id").where("username", "=", card.username).executeTakeFirstOrThrow();
    const reset = await callAction(membersAction, await makeRequest(`/classes/${cls}/members`, { userId: t.id, form: { intent: "resetPassword", studentId: student.id } }), p(cls));
    expect(reset.status).toBe(200);
    const fresh = reset.data.reset.cards[0];
    expect(fresh.username).toBe(card.username);
    expect(fresh.password).not.toBe(card.password);
    expect((await attemptLogin(db, { identifier: card.username, password: card.password, ip: "2.2.2.2", now: nowIso() })).ok).toBe(false);
    expect((await attemptLogin(db, { identifier: card.username, password: fresh.password, ip: "2.2.2.2", now: nowIso() })).ok).toBe(true);
    const other = await approvedTeacher(db, t.schoolId);
    const otherCls = await classOf(db, other.id, other.schoolId);
    const denied = await callAction(membersAction, await makeRequest(`/classes/${otherCls}/members`, { userId: other.id, form: { intent: "resetPassword", studentId: student.id } }), p(otherCls));
    expect(denied.status).toBe(403);
    const emailStudent = await createTestUser({ role: "student" });
    await callAction(membersAction, await makeRequest(`/classes/${cls}/members`, { userId: t.id, form: { intent: "addByEmail", email: emailStudent.email! } }), p(cls));
    const notManaged = await callAction(membersAction, await makeRequest(`/classes/${cls}/members`, { userId: t.id, form: { intent: "resetPassword", studentId: emailStudent.id } }), p(cls));
    expect(notManaged.status).toBe(403);
  });
});
