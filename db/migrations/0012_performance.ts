// Frozen once released: Kysely<any>, no imports from app/.
// Work done once at save time instead of on every view (issue 17):
// - Markdown fields keep their sanitised HTML beside the text (`description_html_*` on programs,
//   `activities_html_*` on tours, `content_html_*` on lessons); the app fills them on every save
//   (app/lib/markdown.server.ts, `storedHtml`), this migration fills the rows that exist. English HTML is null
//   when the English text is blank, so `localized(row, "description_html", locale)` picks as before.
// - The staff course report sorts, pages and counts in SQL: `users.name_key` is a sort key of the name that
//   compares as the Vietnamese name order (app/lib/collation.ts; filled by the app when a name is saved, and for
//   rows that predate it when the server starts, since the key's code is the app's), and
//   `enrolments.required_done` counts the learner's completed required lessons of the course, kept in the same
//   transaction as completions and lesson changes (app/courses/progress.server.ts), filled here for existing rows.
// The renderer below is a frozen copy of the app's rules of this release: when the sanitiser's rules change, a
// new migration re-renders the stored HTML with the new rules (tests/foundation/markdown.test.ts compares the two).
import { createRequire } from "node:module";
import { type Kysely, PostgresAdapter, sql } from "kysely";
import { marked } from "marked";
import type sanitizeHtmlType from "sanitize-html";

// Required when the migration runs, not when the server starts (every migration is in the server bundle).
let sanitizer: typeof sanitizeHtmlType | undefined;
const sanitizeHtml = (html: string, options: sanitizeHtmlType.IOptions) =>
  (sanitizer ??= createRequire(import.meta.url)("sanitize-html") as typeof sanitizeHtmlType)(html, options);

const OPTIONS: sanitizeHtmlType.IOptions = {
  allowedTags: [
    "h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "blockquote", "pre", "code", "em", "strong", "del", "s",
    "ul", "ol", "li", "a", "img", "table", "thead", "tbody", "tr", "th", "td", "figure", "figcaption", "sup", "sub",
  ],
  allowedAttributes: {
    a: ["href", "title", "rel", "target"],
    img: ["src", "alt", "title", "width", "height", "loading"],
    th: ["align"],
    td: ["align"],
    code: ["class"],
  },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesByTag: { img: ["http", "https"] },
  allowProtocolRelative: false,
  transformTags: {
    a: (tagName, attribs) => ({
      tagName,
      attribs: /^https?:/i.test(attribs.href ?? "") ? { ...attribs, rel: "noopener noreferrer nofollow", target: "_blank" } : attribs,
    }),
    img: (tagName, attribs) => ({ tagName, attribs: { ...attribs, loading: "lazy" } }),
  },
};

export function render0012(markdown: string | null | undefined): string {
  const html = marked.parse(markdown ?? "", { async: false, gfm: true, breaks: false }) as string;
  return sanitizeHtml(html, OPTIONS);
}

const blank = (s: string | null | undefined) => !s || s.trim() === "";

async function fill(db: Kysely<any>, table: string, key: string, field: string, target: string) {
  const rows: Record<string, any>[] = await db.selectFrom(table).select([key, `${field}_vi`, `${field}_en`]).execute();
  for (const r of rows) {
    const en = r[`${field}_en`];
    await db
      .updateTable(table)
      .set({ [`${target}_vi`]: render0012(r[`${field}_vi`]), [`${target}_en`]: blank(en) ? null : render0012(en) })
      .where(key, "=", r[key])
      .execute();
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  for (const [table, target] of [
    ["programs", "description_html"],
    ["tours", "activities_html"],
    ["lessons", "content_html"],
  ] as const) {
    await db.schema.alterTable(table).addColumn(`${target}_vi`, "text", (c) => c.notNull().defaultTo("")).execute();
    await db.schema.alterTable(table).addColumn(`${target}_en`, "text").execute();
  }
  await fill(db, "programs", "id", "description", "description_html");
  await fill(db, "tours", "program_id", "activities", "activities_html");
  await fill(db, "lessons", "id", "content_md", "content_html");
  await upReport(db);
}

export async function upReport(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("users").addColumn("name_key", "text", (c) => c.notNull().defaultTo("")).execute();
  await db.schema.alterTable("enrolments").addColumn("required_done", "integer", (c) => c.notNull().defaultTo(0)).execute();
  await sql`
    update enrolments set required_done = (
      select count(*) from lesson_completions lc
      join lessons l on l.id = lc.lesson_id
      join course_modules m on m.id = l.module_id
      where m.program_id = enrolments.program_id and l.required = 1 and lc.user_id = enrolments.user_id
    )`.execute(db);
  // Names in key order: the key compares by code point (PostgreSQL: the "C" collation, as the report orders it).
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`create index users_name_key_idx on users (name_key collate "C")`.execute(db);
  } else {
    await db.schema.createIndex("users_name_key_idx").on("users").column("name_key").execute();
  }
}
