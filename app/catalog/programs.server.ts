// Programs of every kind (course, workshop, tour) share one table and one catalogue.
// Create and update them here so search_text and topics are always kept in step.
import type { ProgramKind, ProgramStatus } from "#db/schema";
import type { Locale } from "~/i18n";
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
  /** Workshops: a confirmed registration gets a permission slip (issue 16); left unchanged when undefined. */
  requiresSlip?: boolean;
  /** English names of `topics`, by position ("" or missing: keep the topic's English name as it is). */
  topicsEn?: string[];
}

/** What free-text search matches: titles, summaries and topics, folded (no diacritics, lower case). */
export function programSearchText(p: Pick<ProgramInput, "titleVi" | "titleEn" | "summaryVi" | "summaryEn" | "topics" | "topicsEn">): string {
  return foldText([p.titleVi, p.titleEn, p.summaryVi, p.summaryEn, ...(p.topics ?? []), ...(p.topicsEn ?? [])].filter(Boolean).join(" "));
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
    ...(input.requiresSlip === undefined ? {} : { requires_slip: input.requiresSlip ? 1 : 0 }),
  };
}

async function setTopics(db: DB, programId: number, topics: string[], topicsEn: string[] = []) {
  await db.deleteFrom("program_topics").where("program_id", "=", programId).execute();
  const english = new Map<string, string>();
  topics.forEach((t, i) => {
    const key = t.trim().toLowerCase();
    const en = topicsEn[i]?.trim();
    if (key && en && !english.has(key)) english.set(key, en);
  });
  const unique = [...new Set(topics.map((t) => t.trim().toLowerCase()).filter(Boolean))];
  if (unique.length) {
    await db.insertInto("program_topics").values(unique.map((topic) => ({ program_id: programId, topic }))).execute();
    // A topic is shared by programs: a given English name replaces the old one, a blank one keeps it.
    await db
      .insertInto("topics")
      .values(unique.map((topic) => ({ topic, name_en: english.get(topic) ?? null })))
      .onConflict((oc) => oc.column("topic").doUpdateSet((eb) => ({ name_en: eb.fn.coalesce(eb.ref("excluded.name_en"), eb.ref("topics.name_en")) })))
      .execute();
  }
}

/** The staff forms' comma lists: topics, and their English names in the same order ("a, , c" skips b). */
export function topicsFromForm(topics: string | null | undefined, topicsEn: string | null | undefined): { topics: string[]; topicsEn: string[] } {
  const en = (topicsEn ?? "").split(",").map((t) => t.trim());
  const pairs = (topics ?? "")
    .split(",")
    .map((t, i) => [t.trim(), en[i] ?? ""] as const)
    .filter(([t]) => t)
    .slice(0, 10);
  return { topics: pairs.map(([t]) => t), topicsEn: pairs.map(([, e]) => e) };
}

/** A topic as a page shows it: English when the reader reads English and it has an English name, else the
 *  Vietnamese text marked `lang="vi"` (the fallback is visible to screen readers and to the eye). */
export interface TopicLabel {
  topic: string;
  label: string;
  lang: Locale;
}

/** The labels of these topics in the reader's language, in the order given (one query). */
export async function topicLabels(db: DB, topics: string[], locale: Locale): Promise<TopicLabel[]> {
  if (topics.length === 0) return [];
  const names =
    locale === "en"
      ? new Map(
          (await db.selectFrom("topics").select(["topic", "name_en"]).where("topic", "in", [...new Set(topics)]).execute()).map((r) => [r.topic, r.name_en]),
        )
      : new Map<string, string | null>();
  return topics.map((topic) => {
    const en = names.get(topic)?.trim();
    return en ? { topic, label: en, lang: "en" as const } : { topic, label: topic, lang: "vi" as const };
  });
}

/** The English names of a program's topics, by position, as the staff form edits them ("a, , c"). */
export async function getProgramTopicsEn(db: DB, programId: number): Promise<string> {
  const topics = await getProgramTopics(db, programId);
  const labels = await topicLabels(db, topics, "en");
  const en = labels.map((l) => (l.lang === "en" ? l.label : ""));
  return en.some(Boolean) ? en.join(", ") : "";
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
  await setTopics(db, row.id, input.topics ?? [], input.topicsEn);
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
  await setTopics(db, programId, input.topics ?? [], input.topicsEn);
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
