// Programs of every kind (course, workshop, tour) share one table and one catalogue.
// Create and update them here so search_text and topics are always kept in step.
import type { ProgramKind, ProgramStatus } from "#db/schema";
import type { DB } from "~/lib/db.server";
import { storedHtml } from "~/lib/markdown.server";
import { foldText } from "~/lib/text";
import { nowIso } from "~/lib/time";

export interface ProgramInput {
  kind: ProgramKind;
  slug: string;
  titleVi: string;
  titleEn?: string | null;
  summaryVi?: string;
  summaryEn?: string | null;
  descriptionVi?: string;
  descriptionEn?: string | null;
  gradeMin?: number | null;
  gradeMax?: number | null;
  ageMin?: number | null;
  ageMax?: number | null;
  feeVnd?: number;
  coverUrl?: string | null;
  status?: ProgramStatus;
  topics?: string[];
  /** Reminders by e-mail for this program's sessions and tours; left unchanged when undefined. */
  mailReminders?: boolean;
}

/** What free-text search matches: titles, summaries and topics, folded (no diacritics, lower case). */
export function programSearchText(p: Pick<ProgramInput, "titleVi" | "titleEn" | "summaryVi" | "summaryEn" | "topics">): string {
  return foldText([p.titleVi, p.titleEn, p.summaryVi, p.summaryEn, ...(p.topics ?? [])].filter(Boolean).join(" "));
}

function columns(input: ProgramInput) {
  const html = storedHtml(input.descriptionVi, input.descriptionEn);
  return {
    kind: input.kind,
    slug: input.slug,
    title_vi: input.titleVi,
    title_en: input.titleEn ?? null,
    summary_vi: input.summaryVi ?? "",
    summary_en: input.summaryEn ?? null,
    description_vi: input.descriptionVi ?? "",
    description_en: input.descriptionEn ?? null,
    description_html_vi: html.vi,
    description_html_en: html.en,
    grade_min: input.gradeMin ?? null,
    grade_max: input.gradeMax ?? null,
    age_min: input.ageMin ?? null,
    age_max: input.ageMax ?? null,
    fee_vnd: input.feeVnd ?? 0,
    cover_url: input.coverUrl ?? null,
    status: input.status ?? "draft",
    search_text: programSearchText(input),
    ...(input.mailReminders === undefined ? {} : { mail_reminders: input.mailReminders ? 1 : 0 }),
  };
}

async function setTopics(db: DB, programId: number, topics: string[]) {
  await db.deleteFrom("program_topics").where("program_id", "=", programId).execute();
  const unique = [...new Set(topics.map((t) => t.trim().toLowerCase()).filter(Boolean))];
  if (unique.length) {
    await db.insertInto("program_topics").values(unique.map((topic) => ({ program_id: programId, topic }))).execute();
  }
}

// createProgram / updateProgram are shared by the workshops, courses and tours capabilities: they keep their
// answers (null / false when the slug is taken) and take `now` with the clock as default so that every caller keeps
// working; the catalogue's own callers pass `now` and turn "taken" into a refusal (saveProgramForm).

/** Creates a program; returns null when the slug is taken. */
export async function createProgram(db: DB, input: ProgramInput, now: string = nowIso()): Promise<number | null> {
  // "On conflict do nothing" never raises, so a taken slug does not abort a caller's PostgreSQL transaction.
  const row = await db
    .insertInto("programs")
    .values({ ...columns(input), created_at: now, updated_at: now })
    .onConflict((oc) => oc.column("slug").doNothing())
    .returning("id")
    .executeTakeFirst();
  if (!row) return null;
  await setTopics(db, row.id, input.topics ?? []);
  return row.id;
}

/** Replaces every editable field; returns false when the slug is taken by another program. */
export async function updateProgram(db: DB, programId: number, input: ProgramInput, now: string = nowIso()): Promise<boolean> {
  const values = columns(input);
  const updated = await db
    .updateTable("programs")
    .set({ ...values, updated_at: now })
    .where("id", "=", programId)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom("programs as other").select("other.id").where("other.slug", "=", values.slug).where("other.id", "!=", programId))),
    )
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) return false;
  await setTopics(db, programId, input.topics ?? []);
  return true;
}

export async function setProgramStatus(db: DB, programId: number, status: ProgramStatus, now: string = nowIso()): Promise<void> {
  await db.updateTable("programs").set({ status, updated_at: now }).where("id", "=", programId).execute();
}

/** The program row (for the capabilities' own reads), or null. */
export async function getProgramBySlug(db: DB, slug: string, kind?: ProgramKind) {
  let q = db.selectFrom("programs").selectAll().where("slug", "=", slug);
  if (kind) q = q.where("kind", "=", kind);
  return (await q.executeTakeFirst()) ?? null;
}

export async function getProgramTopics(db: DB, programId: number): Promise<string[]> {
  const rows = await db.selectFrom("program_topics").select("topic").where("program_id", "=", programId).orderBy("topic").execute();
  return rows.map((r) => r.topic);
}
