// Markdown is rendered once, when it is saved (issue 17): what is stored equals a fresh render of what was
// typed, on every save path; the migration fills rows that existed before it, with the same rules as the app.
import { Migrator, type Kysely } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { migrations } from "#db/migrations/index";
import { render0012 } from "#db/migrations/0012_performance";
import { createProgram, updateProgram } from "~/catalog/programs.server";
import { updateLesson } from "~/courses/lesson-builder.server";
import { db, openPostgres, openSqlite, type DB } from "~/lib/db.server";
import { renderMarkdown, storedHtml } from "~/lib/markdown.server";
import { migrateToLatest } from "~/lib/migrate.server";
import { updateTour } from "~/tours/tours.server";
import { buildCourse } from "../helpers/courses";
import { createPostgresDatabase, testStore } from "../helpers/store";
import { createTestTour } from "../helpers/tours";

const SAMPLES = [
  "",
  "   ",
  "# Tiêu đề\n\n**Đậm** và _nghiêng_, `mã`.\n\n- một\n- hai\n\n1. a\n2. b",
  "[liên kết](https://example.com \"tiêu đề\") [thư](mailto:a@b.vn) [xấu](javascript:alert(1)) [tương đối](/catalog)",
  "<script>alert(1)</script><img src=x onerror=alert(1)> ![ảnh](https://example.com/a.png) ![x](data:image/png;base64,AA)",
  "| a | b |\n|:-|-:|\n| 1 | 2 |\n\n> trích dẫn\n\n```js\nconst x = 1;\n```\n\n---\n~~gạch~~ <sup>2</sup> <iframe src=x></iframe>",
  "<a href=\"//evil.example\">proto</a> <div style=\"color:red\" onclick=\"x()\">khối</div>",
];

describe("stored Markdown HTML", () => {
  it("storedHtml renders both languages, English null when blank", () => {
    expect(storedHtml("**a**", "")).toEqual({ vi: renderMarkdown("**a**"), en: null });
    expect(storedHtml("**a**", "  ")).toEqual({ vi: "<p><strong>a</strong></p>\n", en: null });
    expect(storedHtml(null, "_b_")).toEqual({ vi: "", en: renderMarkdown("_b_") });
    expect(storedHtml(SAMPLES[4], null).vi).not.toMatch(/<script|onerror|javascript:|src="data:/);
  });

  it("the migration's frozen renderer has the app's rules (change both, and add a migration that re-renders)", () => {
    for (const md of SAMPLES) expect(render0012(md)).toBe(renderMarkdown(md));
  });

  it("a program's description is stored rendered when created and when updated", async () => {
    const base = { kind: "workshop" as const, slug: `md-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`, titleVi: "Thử" };
    const id = (await createProgram(db, { ...base, descriptionVi: SAMPLES[2], descriptionEn: SAMPLES[3] }))!;
    const read = () => db.selectFrom("programs").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    let row = await read();
    expect(row.description_html_vi).toBe(renderMarkdown(row.description_vi));
    expect(row.description_html_en).toBe(renderMarkdown(row.description_en!));
    expect(await updateProgram(db, id, { ...base, descriptionVi: SAMPLES[5], descriptionEn: " " })).toBe(true);
    row = await read();
    expect(row.description_html_vi).toBe(renderMarkdown(SAMPLES[5]));
    expect(row.description_html_en).toBeNull();
  });

  it("a tour's description and activities are stored rendered", async () => {
    const tour = await createTestTour({ descriptionVi: SAMPLES[2], activitiesVi: SAMPLES[5], activitiesEn: SAMPLES[3] });
    const read = () =>
      db.selectFrom("tours").innerJoin("programs", "programs.id", "tours.program_id").selectAll().where("programs.id", "=", tour.id).executeTakeFirstOrThrow();
    let row = await read();
    expect(row.description_html_vi).toBe(renderMarkdown(SAMPLES[2]));
    expect(row.activities_html_vi).toBe(renderMarkdown(SAMPLES[5]));
    expect(row.activities_html_en).toBe(renderMarkdown(SAMPLES[3]));
    await updateTour(
      db,
      tour.id,
      {
        intent: "save", slug: tour.slug, titleVi: "Tham quan", titleEn: "", summaryVi: "", summaryEn: "", descriptionVi: SAMPLES[4],
        descriptionEn: "", activitiesVi: SAMPLES[6], activitiesEn: "", gradeMin: 1, gradeMax: 12, feeVnd: 0, durationMinutes: 120,
        groupMin: 10, groupMax: 45, cancelDaysBefore: 3, participationCertificates: true, mailReminders: true, status: "published", ratioRules: "",
      },
      [{ gradeMin: 6, gradeMax: 9, studentsPerAdult: 15 }],
    );
    row = await read();
    expect(row.description_html_vi).toBe(renderMarkdown(SAMPLES[4]));
    expect(row.activities_html_vi).toBe(renderMarkdown(SAMPLES[6]));
    expect(row.activities_html_en).toBeNull();
  });

  it("a lesson's content is stored rendered when saved", async () => {
    const c = await buildCourse({ modules: [[{}]] });
    const lessonId = c.lessonIds[0][0];
    await updateLesson(db, lessonId, { titleVi: "Bài", contentVi: SAMPLES[5], contentEn: SAMPLES[2], estimatedMinutes: 5, required: true, resources: [], now: new Date().toISOString() });
    const row = await db.selectFrom("lessons").selectAll().where("id", "=", lessonId).executeTakeFirstOrThrow();
    expect(row.content_html_vi).toBe(renderMarkdown(row.content_md_vi));
    expect(row.content_html_en).toBe(renderMarkdown(row.content_md_en!));
  });
});

describe("migration 0012 on rows saved before it", () => {
  let other: DB | null = null;
  let drop: (() => Promise<void>) | null = null;
  afterAll(async () => {
    await other?.destroy();
    await drop?.();
  });

  it("fills the HTML of existing programs, tours and lessons", async () => {
    if (testStore === "postgres") {
      const created = await createPostgresDatabase();
      drop = created.drop;
      other = openPostgres(created.url, 2);
    } else {
      other = openSqlite(":memory:");
    }
    const names = Object.keys(migrations).sort();
    const before = names[names.indexOf("0012_performance") - 1];
    const migrator = new Migrator({ db: other, provider: { getMigrations: async () => migrations } });
    const r = await migrator.migrateTo(before);
    expect(r.error).toBeUndefined();
    const raw = other as unknown as Kysely<any>;
    const now = new Date().toISOString();
    const program = await raw
      .insertInto("programs")
      .values({ kind: "tour", slug: "cu", title_vi: "Cũ", description_vi: SAMPLES[2], description_en: SAMPLES[4], created_at: now, updated_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    await raw.insertInto("tours").values({ program_id: program.id, activities_vi: SAMPLES[5], activities_en: "  " }).execute();
    const mod = await raw.insertInto("course_modules").values({ program_id: program.id, position: 1, title_vi: "C" }).returning("id").executeTakeFirstOrThrow();
    const lesson = await raw
      .insertInto("lessons")
      .values({ module_id: mod.id, position: 1, title_vi: "B", content_md_vi: SAMPLES[3], content_md_en: null, created_at: now, updated_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    await migrateToLatest(other);
    const p = await other.selectFrom("programs").selectAll().where("id", "=", program.id).executeTakeFirstOrThrow();
    expect(p.description_html_vi).toBe(renderMarkdown(SAMPLES[2]));
    expect(p.description_html_en).toBe(renderMarkdown(SAMPLES[4]));
    const t = await other.selectFrom("tours").selectAll().where("program_id", "=", program.id).executeTakeFirstOrThrow();
    expect(t.activities_html_vi).toBe(renderMarkdown(SAMPLES[5]));
    expect(t.activities_html_en).toBeNull();
    const l = await other.selectFrom("lessons").selectAll().where("id", "=", lesson.id).executeTakeFirstOrThrow();
    expect(l.content_html_vi).toBe(renderMarkdown(SAMPLES[3]));
    expect(l.content_html_en).toBeNull();
  });
});
