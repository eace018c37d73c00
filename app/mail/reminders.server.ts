// Reminders, queued by a scheduled pass of the sender loop: ~48 hours and ~2 hours before a workshop session
// starts (each confirmed student) and ~48 hours before a confirmed tour (the booker). Each is keyed (`dedupe_key`, unique), so however
// many passes or processes run, a registration or booking gets one reminder. Nothing for cancelled
// registrations, cancelled sessions or bookings that are no longer confirmed; nothing for a registration made
// after the window opened (its confirmation already gave the time), nor once the activity started.
import { bilingual } from "~/i18n/localized";
import type { DB } from "~/lib/db.server";
import { queueEmails, type QueueEmailInput } from "./outbox.server";

export const REMINDER_LEAD_MS = 48 * 3600_000;
export const LAST_CALL_LEAD_MS = 2 * 3600_000;

export const sessionReminderKey = (registrationId: number, hours = 48) => `reminder${hours}:registration:${registrationId}`;
export const tourReminderKey = (bookingId: number) => `reminder48:tour:${bookingId}`;

/** Queues the reminders due at `now` (48 h for sessions and tours, 2 h for sessions); returns how many were new. */
export async function queueDueReminders(db: DB, input: { now: string }): Promise<number> {
  return (await queueReminders(db, { now: input.now, leadMs: REMINDER_LEAD_MS, tours: true })) + (await queueReminders(db, { now: input.now, leadMs: LAST_CALL_LEAD_MS, tours: false }));
}

async function queueReminders(db: DB, input: { now: string; leadMs: number; tours: boolean }): Promise<number> {
  const hours = Math.round(input.leadMs / 3600_000);
  const until = new Date(Date.parse(input.now) + input.leadMs).toISOString();
  const registrations = await db
    .selectFrom("workshop_sessions as s")
    .innerJoin("workshop_registrations as r", "r.session_id", "s.id")
    .innerJoin("programs as p", "p.id", "s.program_id")
    .select(["r.id", "r.user_id", "r.created_at", "s.starts_at", "s.room", "p.title_vi", "p.title_en"])
    .where("s.starts_at", ">", input.now)
    .where("s.starts_at", "<=", until)
    .where("s.status", "=", "scheduled")
    .where("r.status", "=", "confirmed")
    .execute();
  const bookings = !input.tours ? [] : await db
    .selectFrom("tour_slots as s")
    .innerJoin("tour_bookings as b", "b.slot_id", "s.id")
    .innerJoin("programs as p", "p.id", "b.program_id")
    .select(["b.id", "b.booked_by", "b.reference", "b.created_at", "s.starts_at", "p.title_vi", "p.title_en"])
    .where("s.starts_at", ">", input.now)
    .where("s.starts_at", "<=", until)
    .where("b.status", "=", "confirmed")
    .where("b.booked_by", "is not", null)
    .execute();
  const opensAt = (startsAt: string) => new Date(Date.parse(startsAt) - input.leadMs).toISOString();
  const candidates: QueueEmailInput[] = [
    ...registrations
      .filter((r) => r.created_at <= opensAt(r.starts_at))
      .map((r) => ({
        template: "sessionReminder" as const,
        userId: r.user_id,
        params: { title: bilingual(r, "title"), startsAt: r.starts_at, room: r.room, link: "/schedule" },
        dedupeKey: sessionReminderKey(r.id, hours),
        now: input.now,
      })),
    ...bookings
      .filter((b) => b.created_at <= opensAt(b.starts_at))
      .map((b) => ({
        template: "tourReminder" as const,
        userId: b.booked_by!,
        params: { title: bilingual(b, "title"), startsAt: b.starts_at, reference: b.reference, link: `/bookings/${b.id}` },
        dedupeKey: tourReminderKey(b.id),
        now: input.now,
      })),
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
