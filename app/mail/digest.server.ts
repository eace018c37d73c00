// The staff daily digest (issue 12): at 07:00 Vietnam time (00:00 UTC), every staff and admin account that wants it
// (users.mail_digest) gets one message: the tour requests waiting in the queue (oldest first; how many arrived in
// the last 24 hours) and the workshop sessions that start tomorrow (Vietnam day) with their fill rate. A pass may
// run any number of times, in any number of processes: the key `digest:<Vietnam date>:user:<id>` (unique
// dedupe_key) makes it once per day and recipient. A pass before 07:00 does nothing; a server that was down at
// 07:00 sends that day's digest when it comes back (until midnight Vietnam time).
import { sql } from "kysely";
import { bilingual } from "~/i18n/localized";
import type { DB } from "~/lib/db.server";
import { isoToVnLocal, vnLocalToIso } from "~/lib/time";
import { queueEmails } from "./outbox.server";
import type { MailLine } from "./render.server";

export const DIGEST_LOCAL_TIME = "07:00";
export const DIGEST_LIST_LIMIT = 15;
export const digestKey = (vnDate: string, userId: number) => `digest:${vnDate}:user:${userId}`;

const addDay = (date: string, days: number) => {
  const d = new Date(`${date}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/** "2026-12-01" → "1/12/2026" (day first, as both languages read dates here). */
const shortDate = (date: string) => {
  const [y, m, d] = date.split("-").map(Number);
  return `${d}/${m}/${y}`;
};

/** Queues today's digest for every staff/admin recipient who has not had it; returns how many were queued. */
export async function queueDailyDigest(db: DB, input: { now: string }): Promise<number> {
  const { date: today, time } = isoToVnLocal(input.now);
  if (time < DIGEST_LOCAL_TIME) return 0;
  const recipients = await db
    .selectFrom("users")
    .select("id")
    .where("role", "in", ["staff", "admin"])
    .where("mail_digest", "=", 1)
    .where("email", "is not", null)
    .execute();
  if (recipients.length === 0) return 0;
  const keys = recipients.map((r) => digestKey(today, r.id));
  const done = new Set<string>();
  for (let i = 0; i < keys.length; i += 500) {
    const rows = await db.selectFrom("email_outbox").select("dedupe_key").where("dedupe_key", "in", keys.slice(i, i + 500)).execute();
    for (const r of rows) if (r.dedupe_key) done.add(r.dedupe_key);
  }
  const due = recipients.filter((r) => !done.has(digestKey(today, r.id)));
  if (due.length === 0) return 0;

  const content = await digestContent(db, { now: input.now, today });
  const outcomes = await queueEmails(
    db,
    due.map((r) => ({
      template: "staffDigest" as const,
      userId: r.id,
      params: content.params,
      lines: content.lines,
      dedupeKey: digestKey(today, r.id),
      now: input.now,
    })),
  );
  return outcomes.filter((o) => o === "queued").length;
}

/** What the digest says (language-neutral): the same for every recipient of the day. Four queries. */
export async function digestContent(db: DB, input: { now: string; today: string }) {
  const tomorrow = addDay(input.today, 1);
  const from = vnLocalToIso(tomorrow, "00:00");
  const to = vnLocalToIso(addDay(tomorrow, 1), "00:00");
  const dayAgo = new Date(Date.parse(input.now) - 86_400_000).toISOString();

  const [counts] = (
    await sql<{ waiting: number; fresh: number }>`
      select count(*) as waiting, coalesce(sum(case when b.created_at > ${dayAgo} then 1 else 0 end), 0) as fresh
        from tour_bookings b where b.status = 'requested'`.execute(db)
  ).rows;
  const requests = await db
    .selectFrom("tour_bookings as b")
    .innerJoin("tour_slots as sl", "sl.id", "b.slot_id")
    .innerJoin("programs as p", "p.id", "b.program_id")
    .innerJoin("schools as sc", "sc.id", "b.school_id")
    .select(["b.id", "b.reference", "b.students", "b.created_at", "sl.starts_at", "p.title_vi", "p.title_en", "sc.name as school"])
    .where("b.status", "=", "requested")
    .orderBy("b.created_at")
    .orderBy("b.id")
    .limit(DIGEST_LIST_LIMIT)
    .execute();
  const sessions = await db
    .selectFrom("workshop_sessions as s")
    .innerJoin("programs as p", "p.id", "s.program_id")
    .select((eb) => [
      "s.id",
      "s.starts_at",
      "s.room",
      "s.capacity",
      "s.confirmed_count",
      "p.title_vi",
      "p.title_en",
      eb
        .selectFrom("workshop_registrations as w")
        .select((e) => e.fn.countAll<number>().as("n"))
        .whereRef("w.session_id", "=", "s.id")
        .where("w.status", "=", "waitlisted")
        .as("waitlisted"),
    ])
    .where("s.starts_at", ">=", from)
    .where("s.starts_at", "<", to)
    .where("s.status", "=", "scheduled")
    .orderBy("s.starts_at")
    .orderBy("s.id")
    .limit(100)
    .execute();

  const waiting = Number(counts?.waiting ?? 0);
  const lines: MailLine[] = [{ key: "mail.staffDigest.requestsHeading", params: { count: waiting }, heading: true }];
  if (waiting === 0) lines.push({ key: "mail.staffDigest.noRequests" });
  for (const r of requests) {
    lines.push({
      key: "mail.staffDigest.request",
      params: { reference: r.reference, school: r.school, title: bilingual(r, "title"), startsAt: r.starts_at, students: Number(r.students), createdAt: r.created_at },
    });
  }
  if (waiting > requests.length) lines.push({ key: "mail.staffDigest.more", params: { count: waiting - requests.length } });
  lines.push({ key: "mail.staffDigest.sessionsHeading", params: { count: sessions.length }, heading: true });
  if (sessions.length === 0) lines.push({ key: "mail.staffDigest.noSessions" });
  for (const s of sessions) {
    const capacity = Number(s.capacity);
    const confirmed = Number(s.confirmed_count);
    lines.push({
      key: "mail.staffDigest.session",
      params: {
        title: bilingual(s, "title"),
        startsAt: s.starts_at,
        room: s.room,
        confirmed,
        capacity,
        fill: capacity > 0 ? Math.round((confirmed * 100) / capacity) : 0,
        waitlisted: Number(s.waitlisted ?? 0),
      },
    });
  }
  return {
    params: { date: shortDate(input.today), waiting, fresh: Number(counts?.fresh ?? 0), sessions: sessions.length, link: "/staff" },
    lines,
  };
}
