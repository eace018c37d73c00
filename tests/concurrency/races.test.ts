// Real races: two connections to the same database, each running the capability in its own transaction, both
// held by a test-only pause (app/lib/test-hooks.ts) after their checks and before their write, then released
// together. A count-then-insert implementation (check capacity while reading, write after) over-books here.
//
// PostgreSQL (unit-pg): two single-connection pools; transactions interleave, so the outcome depends only on the
// implementation: the conditional update / row lock makes the second writer wait and then see the first.
// Proof that these tests catch a naive implementation: `git apply tests/concurrency/naive-variants.patch` (count
// while checking, write after the pause; no retry / duplicate handling), then every test here fails on unit-pg;
// `git apply -R` restores the real code.
//
// SQLite (unit): a database file opened twice. SQLite itself lets one write transaction in at a time and refuses
// a writer whose snapshot is stale (SQLITE_BUSY): the loser gets that error and nothing of it is written.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "#db/schema";
import { enrolInCourse } from "~/courses/enrolment.server";
import { openPostgres } from "~/lib/db.server";
import { migrateToLatest } from "~/lib/migrate.server";
import { testHooks, type PausePoint } from "~/lib/test-hooks";
import { createBooking } from "~/tours/bookings.server";
import { getTourById } from "~/tours/tours.server";
import { buildCourse } from "../helpers/courses";
import { createTestUser } from "../helpers/factories";
import { testStore } from "../helpers/store";
import { bookingInput, createSchoolWithTeacher, createTestSlot, createTestTour, sessionUserOf } from "../helpers/tours";
import { createWorkshop, registerStudent } from "../helpers/workshops";

let a: Kysely<Database>;
let b: Kysely<Database>;
let dir: string | null = null;

/** A file database as the app opens it, but failing at once instead of waiting when another writer holds it. */
function openSqliteConnection(file: string): Kysely<Database> {
  const sqlite = new SQLite(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  // better-sqlite3 is synchronous: a busy wait here would also freeze the other connection of this process.
  sqlite.pragma("busy_timeout = 0");
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
}

beforeAll(async () => {
  if (testStore === "postgres") {
    // setup.ts created and migrated this file's database and put its URL in DATABASE_URL.
    a = openPostgres(process.env.DATABASE_URL!, 1);
    b = openPostgres(process.env.DATABASE_URL!, 1);
  } else {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "stemhub-race-"));
    const file = path.join(dir, "race.db");
    a = openSqliteConnection(file);
    await migrateToLatest(a);
    b = openSqliteConnection(file);
  }
});

afterAll(async () => {
  await a?.destroy();
  await b?.destroy();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

afterEach(() => {
  delete testHooks.pause;
});

/**
 * Holds every caller reaching `point` until `n` callers have reached it, then lets them all go at once. Later
 * arrivals (a retry) pass straight through. `arrivals` counts them all.
 */
function holdAt(point: PausePoint, n = 2) {
  let arrivals = 0;
  let release!: () => void;
  const together = new Promise<void>((r) => (release = r));
  testHooks.pause = async (p) => {
    if (p !== point) return;
    arrivals += 1;
    if (arrivals >= n) release();
    // Never hang the suite: if the second caller cannot arrive (a store that runs one transaction at a time),
    // the first goes on after a while and the assertions below say what happened.
    await Promise.race([together, new Promise((r) => setTimeout(r, 5_000))]);
  };
  return { arrivals: () => arrivals };
}

/** The loser's error on SQLite: the store refused a second writer. */
const isSqliteBusy = (e: unknown) => /^SQLITE_BUSY/.test(String((e as { code?: string }).code));

function split<T>(settled: PromiseSettledResult<T>[]) {
  return {
    values: settled.filter((s): s is PromiseFulfilledResult<T> => s.status === "fulfilled").map((s) => s.value),
    errors: settled.filter((s): s is PromiseRejectedResult => s.status === "rejected").map((s) => s.reason as unknown),
  };
}

describe("workshop registration", () => {
  it("two students for the last seat: one confirmed, the other waitlisted (never two confirmed)", async () => {
    const { sessionId } = await createWorkshop({ session: { capacity: 1 } }, a);
    const [s1, s2] = [await createTestUser({ grade: 8 }, a), await createTestUser({ grade: 8 }, a)];
    const hold = holdAt("workshops.register");
    const settled = await Promise.allSettled([registerStudent(a, { sessionId, userId: s1.id }), registerStudent(b, { sessionId, userId: s2.id })]);
    expect(hold.arrivals()).toBe(2);
    const { values, errors } = split(settled);
    const regs = await a.selectFrom("workshop_registrations").select(["user_id", "status", "waitlist_position"]).where("session_id", "=", sessionId).execute();
    const session = await a.selectFrom("workshop_sessions").select("confirmed_count").where("id", "=", sessionId).executeTakeFirstOrThrow();
    expect(regs.filter((r) => r.status === "confirmed")).toHaveLength(1);
    expect(session.confirmed_count).toBe(1);
    if (testStore === "postgres") {
      expect(errors).toEqual([]);
      expect(values.map((r) => (r.ok ? [r.value.status, r.value.position] : r.reason)).sort()).toEqual([
        ["confirmed", null],
        ["waitlisted", 1],
      ]);
      expect(regs.map((r) => [r.status, r.waitlist_position]).sort()).toEqual([
        ["confirmed", null],
        ["waitlisted", 1],
      ]);
    } else {
      expect(errors).toHaveLength(1);
      expect(isSqliteBusy(errors[0])).toBe(true);
      expect(values.map((r) => r.ok && r.value.status)).toEqual(["confirmed"]);
      expect(regs).toHaveLength(1);
    }
  });

  it("one student twice at once: one registration, and the loser answers what the winner did (the retry after a unique violation)", async () => {
    const { sessionId } = await createWorkshop({ session: { capacity: 5 } }, a);
    const s = await createTestUser({ grade: 8 }, a);
    const hold = holdAt("workshops.register");
    const settled = await Promise.allSettled([registerStudent(a, { sessionId, userId: s.id }), registerStudent(b, { sessionId, userId: s.id })]);
    const { values, errors } = split(settled);
    const regs = await a.selectFrom("workshop_registrations").select(["id", "status"]).where("session_id", "=", sessionId).execute();
    const session = await a.selectFrom("workshop_sessions").select("confirmed_count").where("id", "=", sessionId).executeTakeFirstOrThrow();
    expect(regs).toEqual([{ id: expect.any(Number), status: "confirmed" }]);
    // The loser's seat was taken in a transaction that rolled back: the counter counts one.
    expect(session.confirmed_count).toBe(1);
    if (testStore === "postgres") {
      expect(errors).toEqual([]);
      // Both attempts passed the "already registered?" check (it comes before the pause) and found nothing, yet
      // one answers "already": it can only have read the winner's row in a second attempt, after the unique index
      // refused its insert.
      expect(hold.arrivals()).toBe(2);
      expect(values.map((r) => r.ok && [r.value.status, r.value.already, r.value.registrationId]).sort()).toEqual([
        ["confirmed", false, regs[0].id],
        ["confirmed", true, regs[0].id],
      ]);
    } else {
      expect(hold.arrivals()).toBe(2);
      expect(errors).toHaveLength(1);
      expect(isSqliteBusy(errors[0])).toBe(true);
      expect(values.map((r) => r.ok && r.value.already)).toEqual([false]);
    }
  });
});

describe("tour slot booking", () => {
  it("two schools' groups of 30 for a slot of 40: one booked, the other refused as full with 10 left", async () => {
    const tour = await createTestTour({}, undefined, a);
    const slot = await createTestSlot(tour.id, { capacity: 40 }, a);
    const one = await createSchoolWithTeacher("Trường THCS Một", a);
    const two = await createSchoolWithTeacher("Trường THCS Hai", a);
    const fullTour = (await getTourById(a, tour.id))!;
    const now = new Date().toISOString();
    const hold = holdAt("tours.book");
    const settled = await Promise.allSettled([
      createBooking(a, { user: await sessionUserOf(a, one.teacher.id), tour: fullTour, form: bookingInput(slot.id), now }),
      createBooking(b, { user: await sessionUserOf(a, two.teacher.id), tour: fullTour, form: bookingInput(slot.id), now }),
    ]);
    expect(hold.arrivals()).toBe(2);
    const { values, errors } = split(settled);
    const held = await a.selectFrom("tour_slots").select("held_students").where("id", "=", slot.id).executeTakeFirstOrThrow();
    const bookings = await a.selectFrom("tour_bookings").select("students").where("slot_id", "=", slot.id).execute();
    expect(held.held_students).toBe(30);
    expect(bookings).toEqual([{ students: 30 }]);
    if (testStore === "postgres") {
      expect(errors).toEqual([]);
      expect(values.filter((r) => r.ok)).toHaveLength(1);
      expect(values.filter((r) => !r.ok).map((r) => !r.ok && [r.reason, r.params])).toEqual([["slotFull", { left: 10 }]]);
    } else {
      expect(errors).toHaveLength(1);
      expect(isSqliteBusy(errors[0])).toBe(true);
      expect(values.map((r) => r.ok)).toEqual([true]);
    }
  });

  it("one teacher's double submit: one booking, the second refused as a duplicate (the unique index, the hold rolled back)", async () => {
    const tour = await createTestTour({}, undefined, a);
    const slot = await createTestSlot(tour.id, { capacity: 90 }, a);
    const school = await createSchoolWithTeacher("Trường THCS Ba", a);
    const fullTour = (await getTourById(a, tour.id))!;
    const user = await sessionUserOf(a, school.teacher.id);
    const now = new Date().toISOString();
    const hold = holdAt("tours.book");
    const settled = await Promise.allSettled([
      createBooking(a, { user, tour: fullTour, form: bookingInput(slot.id), now }),
      createBooking(b, { user, tour: fullTour, form: bookingInput(slot.id), now }),
    ]);
    expect(hold.arrivals()).toBe(2);
    const { values, errors } = split(settled);
    const held = await a.selectFrom("tour_slots").select("held_students").where("id", "=", slot.id).executeTakeFirstOrThrow();
    expect(held.held_students).toBe(30);
    expect(await a.selectFrom("tour_bookings").select("id").where("slot_id", "=", slot.id).execute()).toHaveLength(1);
    if (testStore === "postgres") {
      expect(errors).toEqual([]);
      expect(values.map((r) => (r.ok ? "booked" : r.reason)).sort()).toEqual(["booked", "duplicate"]);
    } else {
      expect(errors).toHaveLength(1);
      expect(isSqliteBusy(errors[0])).toBe(true);
    }
  });
});

describe("course enrolment", () => {
  it("two learners for a course with one place: one enrolled, the other refused as full", async () => {
    const course = await buildCourse({ settings: { capacity: 1 } }, a);
    const [s1, s2] = [await createTestUser({}, a), await createTestUser({}, a)];
    const now = new Date().toISOString();
    const hold = holdAt("courses.enrol");
    const settled = await Promise.allSettled([
      enrolInCourse(a, { userId: s1.id, programId: course.programId, source: "self", now }),
      enrolInCourse(b, { userId: s2.id, programId: course.programId, source: "self", now }),
    ]);
    expect(hold.arrivals()).toBe(2);
    const { values, errors } = split(settled);
    const c = await a.selectFrom("courses").select("active_count").where("program_id", "=", course.programId).executeTakeFirstOrThrow();
    const enrolments = await a.selectFrom("enrolments").select("user_id").where("program_id", "=", course.programId).where("status", "=", "active").execute();
    expect(enrolments).toHaveLength(1);
    expect(c.active_count).toBe(1);
    if (testStore === "postgres") {
      expect(errors).toEqual([]);
      expect(values.map((r) => (r.ok ? r.value : r.reason)).sort()).toEqual(["enrolled", "full"]);
    } else {
      expect(errors).toHaveLength(1);
      expect(isSqliteBusy(errors[0])).toBe(true);
      expect(values.map((r) => r.ok && r.value)).toEqual(["enrolled"]);
    }
  });
});
