// The next few workshop sessions open to everyone (home page), soonest first, with seats left.
import type { Locale } from "~/i18n";
import { localized } from "~/i18n/localized";
import type { DB } from "~/lib/db.server";

export async function listNextSessions(db: DB, input: { now: string; locale: Locale; limit?: number }) {
  const rows = await db
    .selectFrom("workshop_sessions as s")
    .innerJoin("programs as p", "p.id", "s.program_id")
    .select(["s.id", "s.starts_at", "s.ends_at", "s.room", "s.capacity", "s.confirmed_count", "p.slug", "p.title_vi", "p.title_en"])
    .where("s.starts_at", ">", input.now)
    .where("s.status", "=", "scheduled")
    .where("p.status", "=", "published")
    .where("p.kind", "=", "workshop")
    .orderBy("s.starts_at")
    .limit(input.limit ?? 4)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    title: localized(r, "title", input.locale),
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    room: r.room,
    seatsLeft: Math.max(0, r.capacity - Number(r.confirmed_count)),
  }));
}
