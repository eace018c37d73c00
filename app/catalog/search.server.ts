// Catalogue search: published programs of every kind, diacritic-insensitive, filtered by the URL, paginated.
// Four queries whatever the page size: count, page, topics of the page, next sessions of the page.
import { type ExpressionBuilder, sql } from "kysely";
import type { Database } from "#db/schema";
import type { Locale } from "~/i18n";
import { localized } from "~/i18n/localized";
import type { DB } from "~/lib/db.server";
import { foldText, escapeLike } from "~/lib/text";
import { vnLocalToIso } from "~/lib/time";
import { topicLabels, type TopicLabel } from "./programs.server";
import type { CatalogQuery } from "./schemas";
import type { CatalogItem } from "./views";

export const CATALOG_PAGE_SIZE = 24;

/**
 * Programs with something happening between from and to (ISO): workshop sessions for now.
 * Tours add their slots here (an `or` with an `exists` over tour slots).
 */
export function programsWithActivityBetween(eb: ExpressionBuilder<Database, "programs">, fromIso: string | null, toIso: string | null) {
  // Dated activities only: workshop sessions and tour time slots (self-paced courses have no dates).
  return eb.or([
    eb.exists(
      eb
        .selectFrom("workshop_sessions as ws")
        .select("ws.id")
        .whereRef("ws.program_id", "=", "programs.id")
        .where("ws.status", "=", "scheduled")
        .$if(!!fromIso, (q) => q.where("ws.ends_at", ">=", fromIso!))
        .$if(!!toIso, (q) => q.where("ws.starts_at", "<", toIso!)),
    ),
    eb.exists(
      eb
        .selectFrom("tour_slots as ts")
        .select("ts.id")
        .whereRef("ts.program_id", "=", "programs.id")
        .where("ts.status", "=", "open")
        .$if(!!fromIso, (q) => q.where("ts.ends_at", ">=", fromIso!))
        .$if(!!toIso, (q) => q.where("ts.starts_at", "<", toIso!)),
    ),
  ]);
}

function filtered(db: DB, query: CatalogQuery) {
  let q = db.selectFrom("programs").where("programs.status", "=", "published");
  if (query.kind) q = q.where("programs.kind", "=", query.kind);
  if (query.free) q = q.where("programs.fee_vnd", "=", 0);
  if (query.grade !== undefined) {
    const g = query.grade;
    q = q.where((eb) => eb.and([eb.or([eb("grade_min", "is", null), eb("grade_min", "<=", g)]), eb.or([eb("grade_max", "is", null), eb("grade_max", ">=", g)])]));
  }
  if (query.topic) {
    const topic = query.topic;
    q = q.where((eb) =>
      eb.exists(eb.selectFrom("program_topics as t").select("t.program_id").whereRef("t.program_id", "=", "programs.id").where("t.topic", "=", topic)),
    );
  }
  for (const word of foldText(query.q ?? "").split(" ").filter(Boolean).slice(0, 8)) {
    q = q.where(sql<boolean>`programs.search_text like ${"%" + escapeLike(word) + "%"} escape '\\'`);
  }
  if (query.from || query.to) {
    const fromIso = query.from ? vnLocalToIso(query.from, "00:00") : null;
    const toIso = query.to ? vnLocalToIso(query.to, "00:00") : null;
    // "to" is inclusive: up to the end of that day in Vietnam.
    const toExclusive = toIso ? new Date(Date.parse(toIso) + 86_400_000).toISOString() : null;
    q = q.where((eb) => programsWithActivityBetween(eb, fromIso, toExclusive));
  }
  return q;
}

/** One page of the catalogue in the reader's language; "next session" counts from `now`. */
export async function searchCatalog(
  db: DB,
  query: CatalogQuery,
  opts: { locale: Locale; now: string; pageSize?: number },
): Promise<{ items: CatalogItem[]; total: number; page: number; pages: number }> {
  const pageSize = opts.pageSize ?? CATALOG_PAGE_SIZE;
  const { now, locale } = opts;
  const countRow = await filtered(db, query).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  const total = Number(countRow.n);
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(query.page, pages);
  const typed = query.q?.trim() ? `%${escapeLike(query.q.trim())}%` : null;
  const rows = await filtered(db, query)
    .select(["id", "kind", "slug", "title_vi", "title_en", "summary_vi", "summary_en", "grade_min", "grade_max", "age_min", "age_max", "fee_vnd", "cover_url"])
    // Titles containing the words exactly as typed (accents included) come first.
    .$if(!!typed, (q) =>
      q.orderBy(sql`case when title_vi like ${typed} escape '\\' or coalesce(title_en, '') like ${typed} escape '\\' then 0 else 1 end`),
    )
    .orderBy("title_vi")
    .orderBy("id")
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  const ids = rows.map((r) => r.id);
  const topics = ids.length
    ? await db.selectFrom("program_topics").select(["program_id", "topic"]).where("program_id", "in", ids).orderBy("topic").execute()
    : [];
  const labels = new Map((await topicLabels(db, [...new Set(topics.map((t) => t.topic))], locale)).map((l) => [l.topic, l]));
  const next = ids.length
    ? await db
        .selectFrom("workshop_sessions")
        .select((eb) => ["program_id", eb.fn.min("starts_at").as("next_start")])
        .where("program_id", "in", ids)
        .where("status", "=", "scheduled")
        .where("starts_at", ">", now)
        .groupBy("program_id")
        .execute()
    : [];
  const items = rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    slug: r.slug,
    title: localized(r, "title", locale),
    summary: localized(r, "summary", locale),
    gradeMin: r.grade_min,
    gradeMax: r.grade_max,
    ageMin: r.age_min,
    ageMax: r.age_max,
    feeVnd: r.fee_vnd,
    coverUrl: r.cover_url,
    topics: topics.filter((t) => t.program_id === r.id).map((t) => labels.get(t.topic)!),
    nextStart: (next.find((n) => n.program_id === r.id)?.next_start as string | undefined) ?? null,
    href: programHref(r.kind, r.slug),
  }));
  return { items, total, page, pages };
}

export function programHref(kind: string, slug: string): string {
  return kind === "workshop" ? `/workshops/${slug}` : kind === "course" ? `/courses/${slug}` : `/tours/${slug}`;
}

/** Topics of published programs, for the filter list (value: the topic; label in the reader's language). */
export async function listCatalogTopics(db: DB, locale: Locale = "vi"): Promise<TopicLabel[]> {
  const rows = await db
    .selectFrom("program_topics as t")
    .innerJoin("programs as p", "p.id", "t.program_id")
    .select("t.topic")
    .distinct()
    .where("p.status", "=", "published")
    .orderBy("t.topic")
    .limit(100)
    .execute();
  return topicLabels(
    db,
    rows.map((r) => r.topic),
    locale,
  );
}
