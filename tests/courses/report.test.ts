// The staff course report sorts, pages and counts in SQL (issue 17). The order must be the one the previous
// JavaScript implementation gave (compareVietnameseNames, missing times last, a stable sort reversed for "desc"),
// on a fixture of Vietnamese names with ties; the counters it reads stay right through completions and lesson
// changes; both stores.
import { Migrator, sql, type Kysely } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { migrations } from "#db/migrations/index";
import { fillMissingNameKeys, updateProfile } from "~/auth/users.server";
import { deleteLesson } from "~/courses/builder.server";
import { enrolInCourse, leaveCourse } from "~/courses/enrolment.server";
import { updateLesson } from "~/courses/lesson-builder.server";
import { completeLesson, progressOf } from "~/courses/progress.server";
import { getCourseReport, getReportRows, progressDistribution, REPORT_PAGE_SIZE, type ReportSort } from "~/courses/report.server";
import { compareVietnameseNames } from "~/i18n/format";
import { vietnameseNameKey } from "~/lib/collation";
import { db, openPostgres, openSqlite, type DB } from "~/lib/db.server";
import { migrateToLatest } from "~/lib/migrate.server";
import { buildCourse, NOW } from "../helpers/courses";
import { createTestUser } from "../helpers/factories";
import { explainQueriesOf } from "../helpers/plans";
import { createPostgresDatabase, testStore } from "../helpers/store";

// Given names decide first; ties on the given name fall back to the whole name; identical names tie completely.
const NAMES = [
  "Nguyễn Văn An", "Trần Thị Ánh", "Lê Văn Anh", "lê văn anh", "Phạm Thị Ân", "Hoàng Văn Ăn", "Đỗ Thị Bình", "Vũ Đức Bình",
  "Nguyễn Thị Hòa", "Nguyễn Thị Hoà", "Trần Văn Hỏa", "Lê Thị Hóa", "Phan Văn Hoa", "Ngô Thị Lệ", "Đặng Văn Lê", "Bùi Thị Lề",
  "Nguyễn Văn Đức", "Trần Văn Dũng", "Lê Văn Dung", "Nguyễn Thị Ơn", "Trần Văn Ông", "Lý Thị Ưng", "Mai Văn Uyên", "Nguyễn Văn An",
  "Nguyễn Văn An", "Đinh Thị Yến", "Tô Văn Zoe", "Hồ Thị My", "Hồ Thị Mỹ", "Nguyễn Văn Anh",
];

/** The course, and learners in a known state: lessons done, activity and completion times, ties included. */
async function fixture(copies = 1) {
  const course = await buildCourse({ modules: [[{}, {}, {}], [{}, { required: false }]] });
  const lessons = course.lessonIds.flat();
  const required = [lessons[0], lessons[1], lessons[2], lessons[3]];
  const users: number[] = [];
  for (let c = 0; c < copies; c++) {
    for (const [i, fullName] of NAMES.entries()) {
      const u = await createTestUser({ fullName });
      users.push(u.id);
      const k = c * NAMES.length + i;
      // Every 7th learner never starts (no activity after enrolling at all: enrolled by a class without activity).
      await enrolInCourse(db, { userId: u.id, programId: course.programId, source: "self", now: NOW });
      if (k % 7 === 6) {
        await db.updateTable("enrolments").set({ last_activity_at: null }).where("user_id", "=", u.id).execute();
        continue;
      }
      // Lessons done: 0..4 required (several learners at each level), plus the optional one sometimes.
      const done = k % 5;
      for (let j = 0; j < done; j++) {
        const at = new Date(Date.parse(NOW) + ((k * 3 + j) % 11) * 3_600_000).toISOString(); // repeated instants: ties
        const r = await completeLesson(db, { userId: u.id, lessonId: required[j], now: at });
        expect(r.ok).toBe(true);
      }
      if (k % 3 === 0) await completeLesson(db, { userId: u.id, lessonId: lessons[4], now: NOW });
    }
  }
  return { course, users, required, lessons };
}

/** The previous implementation: every learner read with its counts, sorted in JavaScript (rows in id order). */
async function previousOrder(programId: number, sort: ReportSort, dir: "asc" | "desc") {
  const total = Number(
    (
      await db
        .selectFrom("lessons as l")
        .innerJoin("course_modules as m", "m.id", "l.module_id")
        .select(sql<number>`count(l.id)`.as("n"))
        .where("m.program_id", "=", programId)
        .where("l.required", "=", 1)
        .executeTakeFirstOrThrow()
    ).n,
  );
  const raw = await db
    .selectFrom("enrolments as e")
    .innerJoin("users as u", "u.id", "e.user_id")
    .select(["e.user_id", "u.full_name", "e.last_activity_at", "e.completed_at"])
    .select((eb) =>
      eb
        .selectFrom("lesson_completions as lc")
        .innerJoin("lessons as l", "l.id", "lc.lesson_id")
        .innerJoin("course_modules as m", "m.id", "l.module_id")
        .select(sql<number>`count(*)`.as("n"))
        .whereRef("lc.user_id", "=", "e.user_id")
        .where("m.program_id", "=", programId)
        .where("l.required", "=", 1)
        .as("done"),
    )
    .where("e.program_id", "=", programId)
    .where("e.status", "=", "active")
    .orderBy("e.user_id")
    .execute();
  const rows = raw.map((r) => ({ ...r, percent: progressOf(total, Number(r.done)).percent }));
  type Row = (typeof rows)[number];
  const byName = (a: Row, b: Row) => compareVietnameseNames(a.full_name, b.full_name);
  const byText = (x: string | null, y: string | null) => (x === y ? 0 : x === null ? 1 : y === null ? -1 : x < y ? -1 : 1);
  const compare: Record<ReportSort, (a: Row, b: Row) => number> = {
    name: byName,
    progress: (a, b) => a.percent - b.percent || byName(a, b),
    activity: (a, b) => byText(a.last_activity_at, b.last_activity_at) || byName(a, b),
    completed: (a, b) => byText(a.completed_at, b.completed_at) || byName(a, b),
  };
  rows.sort(compare[sort]);
  if (dir === "desc") rows.reverse();
  return rows;
}

const SORTS: ReportSort[] = ["name", "progress", "activity", "completed"];

describe("the course report in SQL", () => {
  it("sorts as the previous JavaScript order, every sort in both directions, ties included, also after a rename", async () => {
    const { course, users } = await fixture();
    const checkEveryOrder = async (when: string) => {
      for (const sort of SORTS) {
        for (const dir of ["asc", "desc"] as const) {
          const expected = await previousOrder(course.programId, sort, dir);
          const { rows } = await getReportRows(db, { programId: course.programId, sort, dir });
          expect(rows.map((r) => r.userId), `${when}: ${sort} ${dir}`).toEqual(expected.map((r) => r.user_id));
          expect(rows.map((r) => r.percent)).toEqual(expected.map((r) => r.percent));
        }
      }
    };
    await checkEveryOrder("as enrolled");
    // Ties are broken by the enrolment's copy of the name key (migration 0028): a new name moves the learner.
    await updateProfile(db, users[0], { fullName: "Ân Thị Zy", locale: "vi", now: NOW });
    await updateProfile(db, users[4], { fullName: "A Văn Ba", locale: "vi", now: NOW });
    await checkEveryOrder("after renames");
  });

  it("pages in SQL: the pages put together are the whole order, and the counts and histogram match the rows", async () => {
    const { course } = await fixture(2); // 60 learners: two pages
    for (const sort of SORTS) {
      for (const dir of ["asc", "desc"] as const) {
        const all = (await getReportRows(db, { programId: course.programId, sort, dir })).rows;
        const first = await getCourseReport(db, { programId: course.programId, sort, dir, page: 1 });
        expect(first.pages).toBe(Math.ceil(all.length / REPORT_PAGE_SIZE));
        const pages = [first];
        for (let p = 2; p <= first.pages; p++) pages.push(await getCourseReport(db, { programId: course.programId, sort, dir, page: p }));
        expect(pages.flatMap((p) => p.rows)).toEqual(all);
        expect(first.total).toBe(all.length);
        expect(first.completed).toBe(all.filter((r) => r.completedAt).length);
        expect(first.distribution).toEqual(progressDistribution(all));
        expect(first.requiredTotal).toBe(4);
      }
    }
    // A page past the end shows the last page.
    const past = await getCourseReport(db, { programId: course.programId, sort: "name", dir: "asc", page: 99 });
    expect(past.page).toBe(past.pages);
  });

  it("keeps the progress counter with completions and with lessons made optional, required or deleted", async () => {
    const { course, users, required } = await fixture();
    const counters = async () =>
      new Map(
        (await db.selectFrom("enrolments").select(["user_id", "required_done"]).where("program_id", "=", course.programId).execute()).map((r) => [
          r.user_id,
          r.required_done,
        ]),
      );
    const truth = async () => new Map((await previousOrder(course.programId, "name", "asc")).map((r) => [r.user_id, Number(r.done)]));
    expect(await counters()).toEqual(await truth());
    expect((await counters()).get(users[4])).toBe(4);
    // Completing the same lesson twice counts once.
    await completeLesson(db, { userId: users[1], lessonId: required[0], now: NOW });
    expect((await counters()).get(users[1])).toBe(1);
    const edit = (lessonId: number, isRequired: boolean) =>
      updateLesson(db, lessonId, { titleVi: "Bài", estimatedMinutes: 5, required: isRequired, resources: [], now: NOW });
    await edit(required[0], false);
    expect(await counters()).toEqual(await truth());
    expect((await counters()).get(users[4])).toBe(3);
    await edit(required[0], true);
    expect(await counters()).toEqual(await truth());
    expect((await counters()).get(users[4])).toBe(4);
    expect(await deleteLesson(db, { programId: course.programId, lessonId: required[3], now: NOW })).toBe(true);
    expect(await counters()).toEqual(await truth());
    expect((await counters()).get(users[4])).toBe(3);
  });

  it("keeps the learners' counts exact whoever changes an enrolment (migration 0035's triggers), and reads them", async () => {
    const { course, users, required } = await fixture();
    const other = await buildCourse({ modules: [[{}, {}]] });
    /** The counts as the triggers keep them (rows at 0 left out), and as the enrolments say they should be. */
    const kept = async () =>
      (
        await db
          .selectFrom("course_progress_counts")
          .select(["program_id", "status", "required_done", "learners", "completed"])
          .where("learners", "<>", 0)
          .orderBy(["program_id", "status", "required_done"])
          .execute()
      ).map((r) => [r.program_id, r.status, Number(r.required_done), Number(r.learners), Number(r.completed)]);
    const fromRows = async () =>
      (
        await db
          .selectFrom("enrolments")
          .select(["program_id", "status", "required_done", sql<number>`count(*)`.as("n"), sql<number>`count(completed_at)`.as("c")])
          .groupBy(["program_id", "status", "required_done"])
          .orderBy(["program_id", "status", "required_done"])
          .execute()
      ).map((r) => [r.program_id, r.status, Number(r.required_done), Number(r.n), Number(r.c)]);
    const check = async (step: string) => expect(await kept(), step).toEqual(await fromRows());
    await check("after the fixture (enrolments, completions)");
    expect((await kept()).some(([, , , , completed]) => Number(completed) > 0), "some learners completed").toBe(true);
    await completeLesson(db, { userId: users[0], lessonId: required[0], now: NOW });
    await completeLesson(db, { userId: users[0], lessonId: required[0], now: NOW });
    await check("a lesson completed, twice");
    expect(await leaveCourse(db, { userId: users[1], programId: course.programId, now: NOW })).toBe(true);
    await check("a learner left");
    await enrolInCourse(db, { userId: users[1], programId: course.programId, source: "self", now: NOW });
    await check("and came back");
    await updateLesson(db, required[1], { titleVi: "Bài", estimatedMinutes: 5, required: false, resources: [], now: NOW });
    await check("a lesson made optional (every learner recounted)");
    expect(await deleteLesson(db, { programId: course.programId, lessonId: required[2], now: NOW })).toBe(true);
    await check("a lesson deleted");
    await enrolInCourse(db, { userId: users[2], programId: other.programId, source: "self", now: NOW });
    await db.updateTable("enrolments").set({ completed_at: NOW }).where("user_id", "=", users[2]).execute();
    await db.updateTable("enrolments").set({ completed_at: null }).where("user_id", "=", users[3]).execute();
    await check("completions set and cleared by hand");
    await db.updateTable("enrolments").set({ program_id: other.programId }).where("user_id", "=", users[5]).execute();
    await check("an enrolment moved to another course");
    await db.deleteFrom("users").where("id", "in", [users[4], users[2]]).execute();
    await check("accounts deleted with their enrolments");
    await db.deleteFrom("programs").where("id", "=", other.programId).execute();
    await check("a course deleted with its enrolments");
    // The report reads them: its totals are its rows'.
    const all = (await getReportRows(db, { programId: course.programId, sort: "name", dir: "asc" })).rows;
    const report = await getCourseReport(db, { programId: course.programId, sort: "name", dir: "asc", page: 1 });
    expect(report.total).toBe(all.length);
    expect(report.completed).toBe(all.filter((r) => r.completedAt).length);
    expect(report.distribution).toEqual(progressDistribution(all));
  });

  it("keeps the name key with the name, and fills missing keys", async () => {
    const u = await createTestUser({ fullName: "Nguyễn Văn An" });
    const key = async () => (await db.selectFrom("users").select("name_key").where("id", "=", u.id).executeTakeFirstOrThrow()).name_key;
    expect(await key()).toBe(vietnameseNameKey("Nguyễn Văn An"));
    await updateProfile(db, u.id, { fullName: "Trần Thị Ánh", locale: "vi", now: NOW });
    expect(await key()).toBe(vietnameseNameKey("Trần Thị Ánh"));
    await db.updateTable("users").set({ name_key: "" }).where("id", "=", u.id).execute();
    expect(await fillMissingNameKeys(db)).toBeGreaterThanOrEqual(1);
    expect(await key()).toBe(vietnameseNameKey("Trần Thị Ánh"));
    expect(await fillMissingNameKeys(db)).toBe(0);
  });

  it("copies the name key to the learner's enrolments, whoever writes them (migration 0028's triggers)", async () => {
    const [a, b] = [await createTestUser({ fullName: "Nguyễn Văn An" }), await createTestUser({ fullName: "Lê Thị Bình" })];
    const [k1, k2] = [await buildCourse({ modules: [[{}]] }), await buildCourse({ modules: [[{}]] })];
    await enrolInCourse(db, { userId: a.id, programId: k1.programId, source: "self", now: NOW });
    // Written directly, as a bulk import would: the database fills the key in.
    await db.insertInto("enrolments").values({ program_id: k2.programId, user_id: a.id, enrolled_at: NOW }).execute();
    await db.insertInto("enrolments").values({ program_id: k1.programId, user_id: b.id, enrolled_at: NOW }).execute();
    const copies = async () =>
      (await db.selectFrom("enrolments").select(["user_id", "name_key"]).where("user_id", "in", [a.id, b.id]).orderBy("id").execute()).map((r) => [r.user_id, r.name_key]);
    const keyOf = (name: string) => vietnameseNameKey(name);
    expect(await copies()).toEqual([[a.id, keyOf("Nguyễn Văn An")], [a.id, keyOf("Nguyễn Văn An")], [b.id, keyOf("Lê Thị Bình")]]);
    await updateProfile(db, a.id, { fullName: "Trần Thị Ánh", locale: "vi", now: NOW });
    expect(await copies()).toEqual([[a.id, keyOf("Trần Thị Ánh")], [a.id, keyOf("Trần Thị Ánh")], [b.id, keyOf("Lê Thị Bình")]]);
    // A key filled in later (users saved before migration 0012) reaches the enrolments too.
    await db.updateTable("users").set({ name_key: "" }).where("id", "=", b.id).execute();
    expect(await copies()).toContainEqual([b.id, ""]);
    await fillMissingNameKeys(db);
    expect(await copies()).toEqual([[a.id, keyOf("Trần Thị Ánh")], [a.id, keyOf("Trần Thị Ánh")], [b.id, keyOf("Lê Thị Bình")]]);
  });

  it("picks a page of every order from the order's index alone, without sorting the learners", async () => {
    const { course } = await fixture();
    for (const sort of SORTS) {
      for (const dir of ["asc", "desc"] as const) {
        const explained = await explainQueriesOf((recording) => getCourseReport(recording, { programId: course.programId, sort, dir, page: 2 }), {
          postgresOff: ["enable_seqscan", "enable_sort"],
        });
        // The page's learners (LIMIT/OFFSET), picked before anything is joined to them.
        const page = explained.find((e) => / limit /i.test(e.sql) && !/ join /i.test(e.sql));
        if (process.env.SHOW_PLANS) console.log(sort, dir, page?.sql, "\n", page?.plan);
        expect(page, `${sort} ${dir}`).toBeDefined();
        const index = `enrolments_report_${sort}_idx`;
        if (testStore === "postgres") {
          expect(page!.plan, `${sort} ${dir}`).toMatch(new RegExp(`Index Only Scan (Backward )?using ${index}`));
          expect(page!.plan, `${sort} ${dir}`).not.toMatch(/(^|->\s+)(Incremental )?Sort\s+\(/m);
        } else {
          expect(page!.plan, `${sort} ${dir}`).toMatch(new RegExp(`USING COVERING INDEX ${index}`));
          expect(page!.plan, `${sort} ${dir}`).not.toMatch(/USE TEMP B-TREE/);
        }
      }
    }
  });
});

describe("migration 0012 on learners saved before it", () => {
  let other: DB | null = null;
  let drop: (() => Promise<void>) | null = null;
  afterAll(async () => {
    await other?.destroy();
    await drop?.();
  });

  it("counts the required lessons each learner has done", async () => {
    if (testStore === "postgres") {
      const created = await createPostgresDatabase();
      drop = created.drop;
      other = openPostgres(created.url, 2);
    } else {
      other = openSqlite(":memory:");
    }
    const names = Object.keys(migrations).sort();
    const migrator = new Migrator({ db: other, provider: { getMigrations: async () => migrations } });
    expect((await migrator.migrateTo(names[names.indexOf("0012_performance") - 1])).error).toBeUndefined();
    const raw = other as unknown as Kysely<any>;
    const now = NOW;
    const user = async (email: string) =>
      (await raw.insertInto("users").values({ email, full_name: email, password_hash: "x", created_at: now, updated_at: now }).returning("id").executeTakeFirstOrThrow()).id;
    const [a, b] = [await user("a@x.vn"), await user("b@x.vn")];
    const course = async (slug: string) =>
      (await raw.insertInto("programs").values({ kind: "course", slug, title_vi: slug, created_at: now, updated_at: now }).returning("id").executeTakeFirstOrThrow()).id;
    const [p1, p2] = [await course("k1"), await course("k2")];
    let position = 0;
    const lesson = async (programId: number, isRequired: number) => {
      const m = await raw.insertInto("course_modules").values({ program_id: programId, position: ++position, title_vi: "C" }).returning("id").executeTakeFirstOrThrow();
      return (await raw.insertInto("lessons").values({ module_id: m.id, position: 1, title_vi: "B", required: isRequired, created_at: now, updated_at: now }).returning("id").executeTakeFirstOrThrow()).id;
    };
    const [l1, l2, l3, l4] = [await lesson(p1, 1), await lesson(p1, 1), await lesson(p1, 0), await lesson(p2, 1)];
    for (const [u, p] of [[a, p1], [b, p1], [a, p2]]) await raw.insertInto("enrolments").values({ program_id: p, user_id: u, enrolled_at: now }).execute();
    for (const [u, l] of [[a, l1], [a, l2], [a, l3], [b, l2], [a, l4], [b, l4]]) await raw.insertInto("lesson_completions").values({ user_id: u, lesson_id: l, completed_at: now }).execute();
    await migrateToLatest(other);
    const rows = await other.selectFrom("enrolments").select(["program_id", "user_id", "required_done"]).orderBy("id").execute();
    expect(rows.map((r) => [r.program_id, r.user_id, r.required_done])).toEqual([[p1, a, 2], [p1, b, 1], [p2, a, 1]]);
    // Migration 0035 counted them.
    const counts = await other.selectFrom("course_progress_counts").select(["program_id", "status", "required_done", "learners", "completed"]).orderBy(["program_id", "required_done"]).execute();
    expect(counts.map((c) => [c.program_id, c.status, Number(c.required_done), Number(c.learners), Number(c.completed)])).toEqual([
      [p1, "active", 1, 1, 0],
      [p1, "active", 2, 1, 0],
      [p2, "active", 1, 1, 0],
    ]);
    expect(await fillMissingNameKeys(other)).toBe(2);
    const keys = await other.selectFrom("users").select(["id", "full_name", "name_key"]).execute();
    for (const k of keys) expect(k.name_key).toBe(vietnameseNameKey(k.full_name));
    // The enrolments' copies (migration 0028) follow the keys filled in.
    const copies = await other.selectFrom("enrolments").select(["user_id", "name_key"]).orderBy("id").execute();
    const keyOf = new Map(keys.map((k) => [k.id, k.name_key]));
    expect(copies.map((c) => c.name_key)).toEqual(copies.map((c) => keyOf.get(c.user_id)));
  });
});
