// A student's schedule: their registrations with the status word to show, and calendar exports.
import { randomBytes } from "node:crypto";
import { getCentre } from "~/centre/centre.server";
import type { Locale } from "~/i18n";
import { localized } from "~/i18n/localized";
import type { DB } from "~/lib/db.server";
import { buildCalendar, type CalendarEvent } from "~/lib/ics.server";
import { canCancel } from "./rules";

export type ScheduleStatus = "confirmed" | "waitlisted" | "cancelled" | "removed" | "attended" | "absent";

/** The student's registrations, upcoming (soonest first) and past (latest first), in the reader's language. */
export async function listSchedule(db: DB, userId: number, opts: { now: string; locale: Locale }) {
  const { now, locale } = opts;
  const rows = await db
    .selectFrom("workshop_registrations as r")
    .innerJoin("workshop_sessions as s", "s.id", "r.session_id")
    .innerJoin("programs as p", "p.id", "s.program_id")
    .select((eb) => [
      "r.id",
      "r.status",
      "r.waitlist_position",
      "s.id as session_id",
      "s.starts_at",
      "s.ends_at",
      "s.room",
      "s.cancellation_deadline",
      "s.status as session_status",
      "p.slug",
      "p.title_vi",
      "p.title_en",
      eb.selectFrom("workshop_meetings as m").select(eb.fn.countAll<number>().as("n")).whereRef("m.session_id", "=", "s.id").as("meetings"),
      eb
        .selectFrom("workshop_attendance as a")
        .select(eb.fn.countAll<number>().as("n"))
        .whereRef("a.registration_id", "=", "r.id")
        .where("a.status", "=", "attended")
        .as("attended"),
      eb
        .selectFrom("workshop_attendance as a")
        .select(eb.fn.countAll<number>().as("n"))
        .whereRef("a.registration_id", "=", "r.id")
        .where("a.status", "=", "absent")
        .as("absent"),
    ])
    .where("r.user_id", "=", userId)
    .orderBy("s.starts_at", "desc")
    .limit(200)
    .execute();
  const items = rows.map((r) => {
    const attended = Number(r.attended ?? 0);
    const absent = Number(r.absent ?? 0);
    let status: ScheduleStatus = r.status;
    if (r.status === "confirmed" && attended > 0) status = "attended";
    else if (r.status === "confirmed" && absent > 0) status = "absent";
    return {
      id: r.id,
      sessionId: r.session_id,
      slug: r.slug,
      title: localized(r, "title", locale),
      startsAt: r.starts_at,
      endsAt: r.ends_at,
      room: r.room,
      sessionStatus: r.session_status,
      status: r.status,
      waitlistPosition: r.waitlist_position,
      meetings: Number(r.meetings ?? 0),
      attended,
      absent,
      displayStatus: status,
      cancellable:
        r.session_status === "scheduled" && canCancel(r.status, { startsAt: r.starts_at, cancellationDeadline: r.cancellation_deadline }, now),
    };
  });
  return {
    upcoming: items.filter((i) => i.endsAt > now).reverse(),
    past: items.filter((i) => i.endsAt <= now),
  };
}

async function eventsFor(db: DB, where: { userId: number; registrationId?: number; origin: string }): Promise<CalendarEvent[]> {
  let q = db
    .selectFrom("workshop_registrations as r")
    .innerJoin("workshop_sessions as s", "s.id", "r.session_id")
    .innerJoin("programs as p", "p.id", "s.program_id")
    .innerJoin("workshop_meetings as m", "m.session_id", "s.id")
    .select(["r.id", "r.status", "m.id as meeting_id", "m.starts_at", "m.ends_at", "s.room", "s.status as session_status", "p.title_vi", "p.title_en", "p.slug"])
    .where("r.user_id", "=", where.userId)
    .orderBy("m.starts_at")
    .limit(500);
  if (where.registrationId) q = q.where("r.id", "=", where.registrationId);
  else q = q.where("r.status", "=", "confirmed").where("s.status", "=", "scheduled");
  const [rows, centre] = await Promise.all([q.execute(), getCentre(db, "vi")]);
  // The place a calendar app shows and maps: the room at the centre's address; how to reach the centre.
  const location = (room: string) => (centre.address ? `${room} — ${centre.name ? `${centre.name}, ` : ""}${centre.address}` : room);
  const contact = [centre.phone && `Tel: ${centre.phone}`, centre.zalo && `Zalo: ${centre.zalo}`, centre.email].filter(Boolean).join(" · ");
  return rows.map((r) => ({
    uid: `stemhub-workshop-${r.id}-${r.meeting_id}@stem-hub`,
    title: r.title_en ? `${r.title_vi} / ${r.title_en}` : r.title_vi,
    location: location(r.room),
    description: contact || undefined,
    startIso: r.starts_at,
    endIso: r.ends_at,
    url: `${where.origin}/workshops/${r.slug}`,
    status: r.session_status === "cancelled" ? "CANCELLED" : r.status === "confirmed" ? "CONFIRMED" : r.status === "waitlisted" ? "TENTATIVE" : "CANCELLED",
  }));
}

/** The .ics of one registration, only for its owner (null otherwise). */
export async function registrationCalendar(db: DB, input: { userId: number; registrationId: number; origin: string }): Promise<string | null> {
  const own = await db
    .selectFrom("workshop_registrations")
    .select("id")
    .where("id", "=", input.registrationId)
    .where("user_id", "=", input.userId)
    .executeTakeFirst();
  if (!own) return null;
  return buildCalendar(await eventsFor(db, input));
}

export async function feedCalendar(db: DB, token: string, origin: string): Promise<string | null> {
  const row = await db.selectFrom("calendar_tokens").select("user_id").where("token", "=", token).executeTakeFirst();
  if (!row) return null;
  return buildCalendar(await eventsFor(db, { userId: row.user_id, origin }));
}

export async function getFeedToken(db: DB, userId: number): Promise<string | null> {
  const row = await db.selectFrom("calendar_tokens").select("token").where("user_id", "=", userId).executeTakeFirst();
  return row?.token ?? null;
}

/** A new secret (192 random bits, base64url) replaces any earlier one, which stops working at once. */
export async function regenerateFeedToken(db: DB, userId: number, now: string): Promise<string> {
  const token = randomBytes(24).toString("base64url");
  await db
    .insertInto("calendar_tokens")
    .values({ user_id: userId, token, created_at: now })
    .onConflict((oc) => oc.column("user_id").doUpdateSet({ token, created_at: now }))
    .execute();
  return token;
}

/** After a password change or reset: a feed address that exists is replaced (one that does not stays absent). */
export async function rotateFeedTokenIfAny(db: DB, userId: number, now: string): Promise<boolean> {
  if (!(await getFeedToken(db, userId))) return false;
  await regenerateFeedToken(db, userId, now);
  return true;
}

export async function revokeFeedToken(db: DB, userId: number): Promise<void> {
  await db.deleteFrom("calendar_tokens").where("user_id", "=", userId).execute();
}
