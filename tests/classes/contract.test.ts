// The contract of the classes capability: functions compose inside the caller's transaction, answer with a
// Result whose reasons all have a message, read the clock only through the `now` they are given, and return
// views in the reader's language.
import { describe, expect, it } from "vitest";
import { classAccess } from "~/classes/access.server";
import { createAccountsFromList } from "~/classes/bulk.server";
import { createClass, currentSchoolYear } from "~/classes/classes.server";
import { enrolClassInCourse, loadEnrolOptions, registerClassForSession } from "~/classes/enrol.server";
import * as classesRefusalTables from "~/classes/refusals";
import * as authRefusalTables from "~/auth/refusals";
import { isMessageKey } from "~/i18n";
import { db, inTransaction } from "~/lib/db.server";
import { nowIso } from "~/lib/time";
import { createTestUser } from "../helpers/factories";
import { approvedTeacher, classOf, studentsIn } from "../helpers/classes";
import { buildCourse } from "../helpers/courses";
import { createWorkshop } from "../helpers/workshops";

class Rollback extends Error {}

/** Runs fn inside a transaction that is then rolled back: what it wrote must be gone afterwards. */
async function insideRolledBack(fn: (trx: Parameters<Parameters<typeof inTransaction>[1]>[0]) => Promise<void>) {
  await expect(
    inTransaction(db, async (trx) => {
      await fn(trx);
      throw new Rollback();
    }),
  ).rejects.toBeInstanceOf(Rollback);
}

describe("class functions inside the caller's transaction (they used to call db.transaction(), refused on a Transaction)", () => {
  it("createClass joins an outer transaction: committed with it, gone when it rolls back", async () => {
    const t = await approvedTeacher(db);
    const input = { ownerId: t.id, name: "Lớp trong giao dịch", schoolId: t.schoolId, grade: 8, schoolYear: "2026-2027", now: nowIso() };
    const committed = await inTransaction(db, (trx) => createClass(trx, input));
    expect(committed.ok).toBe(true);
    const id = committed.ok ? committed.value : 0;
    expect(await db.selectFrom("class_teachers").select(["teacher_id", "role"]).where("class_id", "=", id).execute()).toEqual([{ teacher_id: t.id, role: "owner" }]);

    let rolledBackId = 0;
    await insideRolledBack(async (trx) => {
      const r = await createClass(trx, { ...input, name: "Lớp bị hủy" });
      expect(r.ok).toBe(true);
      if (r.ok) rolledBackId = r.value;
    });
    // The class existed inside the transaction (a real id, after the committed one), then the rollback removed it.
    expect(rolledBackId).toBeGreaterThan(id);
    expect(await db.selectFrom("classes").select("id").where("id", "=", rolledBackId).execute()).toEqual([]);
    expect(await db.selectFrom("class_teachers").select("class_id").where("class_id", "=", rolledBackId).execute()).toEqual([]);
  });

  it("enrolClassInCourse and registerClassForSession join an outer transaction", async () => {
    const t = await approvedTeacher(db);
    const cls = await classOf(db, t.id, t.schoolId);
    const ids = await studentsIn(db, cls, 3);
    const course = await buildCourse();
    const w = await createWorkshop({ session: { capacity: 10 } });
    const now = nowIso();

    await insideRolledBack(async (trx) => {
      const c = await enrolClassInCourse(trx, { classId: cls, programId: course.programId, userIds: ids, addedBy: t.id, now });
      expect(c).toEqual({ ok: true, value: { enrolled: 3, already: 0, missingPrerequisite: 0 } });
      const s = await registerClassForSession(trx, { classId: cls, sessionId: w.sessionId, userIds: ids, mode: "all-or-nothing", addedBy: t.id, now });
      expect(s).toEqual({ ok: true, value: { confirmed: 3, waitlisted: 0, already: 0, refused: [] } });
    });
    expect(await db.selectFrom("enrolments").select("id").where("program_id", "=", course.programId).execute()).toEqual([]);
    expect(await db.selectFrom("class_courses").select("program_id").where("class_id", "=", cls).execute()).toEqual([]);
    expect(await db.selectFrom("workshop_registrations").select("id").where("session_id", "=", w.sessionId).execute()).toEqual([]);
    expect(await db.selectFrom("class_sessions").select("session_id").where("class_id", "=", cls).execute()).toEqual([]);

    await inTransaction(db, async (trx) => {
      expect((await enrolClassInCourse(trx, { classId: cls, programId: course.programId, userIds: ids, addedBy: t.id, now })).ok).toBe(true);
      expect((await registerClassForSession(trx, { classId: cls, sessionId: w.sessionId, userIds: ids, mode: "all-or-nothing", addedBy: t.id, now })).ok).toBe(true);
    });
    expect(await db.selectFrom("class_courses").select("program_id").where("class_id", "=", cls).execute()).toEqual([{ program_id: course.programId }]);
    expect(await db.selectFrom("class_sessions").select("session_id").where("class_id", "=", cls).execute()).toEqual([{ session_id: w.sessionId }]);
  });

  it("refuses with a reason, not an HTTP answer: nobody to enrol, not enough seats (with its numbers)", async () => {
    const t = await approvedTeacher(db);
    const cls = await classOf(db, t.id, t.schoolId);
    const ids = await studentsIn(db, cls, 4);
    const w = await createWorkshop({ session: { capacity: 2 } });
    const now = nowIso();
    expect(await enrolClassInCourse(db, { classId: cls, programId: 1, userIds: [], addedBy: t.id, now })).toEqual({ ok: false, reason: "noMembers" });
    const short = await inTransaction(db, (trx) => registerClassForSession(trx, { classId: cls, sessionId: w.sessionId, userIds: ids, mode: "all-or-nothing", addedBy: t.id, now }));
    expect(short).toEqual({ ok: false, reason: "notEnoughSeats", params: { seats: 2, count: 4 } });
    expect(await db.selectFrom("workshop_registrations").select("id").where("session_id", "=", w.sessionId).execute()).toEqual([]);
  });
});

describe("class access", () => {
  it("answers the class with the user's role in it, or why not (no HTTP response)", async () => {
    const owner = await approvedTeacher(db);
    const other = await approvedTeacher(db, owner.schoolId);
    const cls = await classOf(db, owner.id, owner.schoolId);
    const asUser = (u: { id: number; role: string }) => ({ id: u.id, role: u.role }) as never;
    const own = await classAccess(db, asUser(owner), cls, "own");
    expect(own).toMatchObject({ ok: true, value: { role: "owner", canManage: true, isOwner: true, cls: { id: cls, schoolId: owner.schoolId, schoolYear: "2026-2027", archivedAt: null } } });
    expect(await classAccess(db, asUser(other), cls, "view")).toEqual({ ok: false, reason: "forbidden" });
    expect(await classAccess(db, asUser(owner), 999_999, "view")).toEqual({ ok: false, reason: "notFound" });
    const staff = await createTestUser({ role: "staff" });
    expect(await classAccess(db, asUser(staff), cls, "view")).toMatchObject({ ok: true, value: { role: "staff", canManage: false } });
    expect(await classAccess(db, asUser(staff), cls, "manage")).toEqual({ ok: false, reason: "forbidden" });
  });
});

describe("the year in Vietnam", () => {
  // 00:30 on 1 January 2027 in Vietnam is still 31 December 2026 in UTC.
  const newYearInVietnam = "2026-12-31T17:30:00.000Z";
  const newYearsEveInVietnam = "2026-12-31T16:30:00.000Z";

  it("a roster read at 00:30 on 1 January (UTC+7) takes the new year: a child born 3 years before it is accepted", async () => {
    const t = await approvedTeacher(db);
    const cls = await classOf(db, t.id, t.schoolId);
    const attempt = (now: string, skipInvalid = false) =>
      createAccountsFromList(db, {
        cls: { id: cls, schoolId: t.schoolId, grade: 1, archivedAt: null },
        teacherId: t.id,
        file: null,
        pasted: "Nguyễn Bé Na, 2024",
        skipInvalid,
        now,
      });
    // Still 2026 in Vietnam: 2024 is only 2 years ago, refused (and nothing is created).
    const before = await attempt(newYearsEveInVietnam);
    expect(before.result).toEqual({ ok: false, reason: "hasRefused" });
    expect(before.report?.refused.map((r) => r.reason)).toEqual(["invalidBirthYear"]);
    expect(await db.selectFrom("class_members").select("student_id").where("class_id", "=", cls).execute()).toEqual([]);
    const after = await attempt(newYearInVietnam);
    expect(after.result.ok).toBe(true);
    expect(after.report?.accepted.map((r) => r.birthYear)).toEqual([2024]);
    const [row] = await db
      .selectFrom("users")
      .innerJoin("class_members", "class_members.student_id", "users.id")
      .select(["users.birth_year", "users.created_at"])
      .where("class_members.class_id", "=", cls)
      .execute();
    expect(row).toEqual({ birth_year: 2024, created_at: newYearInVietnam });
  });

  it("the school year turns in August in Vietnam", () => {
    expect(currentSchoolYear("2026-07-31T16:59:00.000Z")).toBe("2025-2026");
    expect(currentSchoolYear("2026-07-31T17:00:00.000Z")).toBe("2026-2027");
    expect(currentSchoolYear(newYearInVietnam)).toBe("2026-2027");
  });
});

describe("views in the reader's language", () => {
  it("the enrol page's courses and sessions have one title, English when the reader reads English", async () => {
    const t = await approvedTeacher(db);
    const cls = await classOf(db, t.id, t.schoolId);
    const course = await buildCourse();
    const now = nowIso();
    const vi = await loadEnrolOptions(db, { classId: cls, locale: "vi", now });
    const en = await loadEnrolOptions(db, { classId: cls, locale: "en", now });
    const viCourse = vi.courses.find((c) => c.id === course.programId)!;
    const enCourse = en.courses.find((c) => c.id === course.programId)!;
    expect(viCourse).toEqual({ id: course.programId, title: expect.stringMatching(/^Khóa học thử/), classOnly: false });
    expect(enCourse.title).toMatch(/^Test course/);
    expect(Object.keys(viCourse)).not.toContain("title_vi");
  });
});

describe("refusal tables", () => {
  it("every reason of the classes and auth tables has a status and a message in both languages", () => {
    for (const table of [...Object.values(classesRefusalTables), ...Object.values(authRefusalTables)]) {
      for (const [reason, rule] of Object.entries(table as Record<string, { status: number; key: string }>)) {
        expect(isMessageKey(rule.key), `${reason} → ${rule.key}`).toBe(true);
        expect([400, 403, 404, 409, 410, 413, 422, 429]).toContain(rule.status);
      }
    }
  });
});
