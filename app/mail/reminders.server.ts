// Reminders, queued by a scheduled pass of the sender loop: ~48 hours and ~2 hours before a workshop session
// starts (each confirmed student) and ~3 days before a confirmed tour (the booker). Each is keyed (`dedupe_key`,
// unique), so however many passes or processes run, a registration or booking gets one reminder of each kind.
// Nothing for programs whose reminders staff switched off (`programs.mail_reminders`), cancelled registrations,
// cancelled sessions or bookings that are no longer confirmed; nothing for a
// registration or booking made after the window opened (its confirmation already gave the time), nor once the
// activity started.
import { bilingual } from "~/i18n/localized";
import type { DB } from "~/lib/db.server";
import { queueEmails, type QueueEmailInput } from "./outbox.server";

export const REMINDER_LEAD_MS = 48 * 3600_000;
export const LAST_CALL_LEAD_MS = 2 * 3600_000;
export const TOUR_REMINDER_LEAD_MS = 72 * 3600_000;

export const sessionReminderKey = (registrationId: number, hours = 48) => `reminder${hours}:registration:${registrationId}`;
export const tourReminderKey = (bookingId: number) => `reminder72:tour:${bookingId}`;

const plus = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

/** Queues the reminders due at `now` (48 h and 2 h for sessions, 3 days for tours); returns how many were new. */
export async function queueDueReminders(db: DB, input: { now: string }): Promise<number> {
  const candidates = [
    ...(await sessionReminders(db, input.now, REMINDER_LEAD_MS)),
    ...(await sessionReminders(db, input.now, LAST_CALL_LEAD_MS)),
    ...(await tourReminders(db, input.now, TOUR_REMINDER_LEAD_MS)),
  ];
  if (candidates.length === 0) return 0;
  // Skip what was already queued (the unique key would drop it anyway; this saves the inserts).
  const keys = candidates.map((c) => c.dedupeKey!);
  const existing = new Set<string>();
  for (let i = 0; i < keys.length; i += 500) {
    const rows = await db.selectFrom("email_outbox").select("dedupe_key").where("dedupe_key", "in", keys.slice(i, i + 500)).execute();
    for (const r of rows) if (r.dedupe_key) existing.add(r.dedupe_key);
  }
  const due = candidates.filter((c) => !existing.has(c.dedupeKey!));
  const outcomes = await queueEmails(db, due);
  return outcomes.filter((o) => o === "queued").length;
}

async function sessionReminders(db: DB, now: string, leadMs: number): Promise<QueueEmailInput[]> {
  const hours = Math.round(leadMs / 3600_000);
  const rows = await db
    .selectFrom("workshop_sessions as s")
    .innerJoin("workshop_registrations as r", "r.session_id", "s.id")
    .innerJoin("programs as p", "p.id", "s.program_id")
    .select(["r.id", "r.user_id", "r.created_at", "s.starts_at", "s.room", "p.title_vi", "p.title_en"])
    .where("s.starts_at", ">", now)
    .where("s.starts_at", "<=", plus(now, leadMs))
    .where("s.status", "=", "scheduled")
    .where("r.status", "=", "confirmed")
    .where("p.mail_reminders", "=", 1)
    .execute();
  return rows
    .filter((r) => r.created_at <= plus(r.starts_at, -leadMs))
    .map((r) => ({
      template: "sessionReminder" as const,
      userId: r.user_id,
      params: { title: bilingual(r, "title"), startsAt: r.starts_at, room: r.room, link: "/schedule" },
      dedupeKey: sessionReminderKey(r.id, hours),
      now,
    }));
}

async function tourReminders(db: DB, now: string, leadMs: number): Promise<QueueEmailInput[]> {
  const rows = await db
    .selectFrom("tour_slots as s")
    .innerJoin("tour_bookings as b", "b.slot_id", "s.id")
    .innerJoin("programs as p", "p.id", "b.program_id")
    .select(["b.id", "b.booked_by", "b.reference", "b.created_at", "s.starts_at", "p.title_vi", "p.title_en"])
    .where("s.starts_at", ">", now)
    .where("s.starts_at", "<=", plus(now, leadMs))
    .where("b.status", "=", "confirmed")
    .where("b.booked_by", "is not", null)
    .where("p.mail_reminders", "=", 1)
    .execute();
  return rows
    .filter((b) => b.created_at <= plus(b.starts_at, -leadMs))
    .map((b) => ({
      template: "tourReminder" as const,
      userId: b.booked_by!,
      params: { title: bilingual(b, "title"), startsAt: b.starts_at, reference: b.reference, link: `/bookings/${b.id}` },
      dedupeKey: tourReminderKey(b.id),
      now,
    }));
}
