// Workshop sessions and their meetings: staff create and edit them; the program page lists upcoming ones.
import { createSlipsForSession, slipsSessionMoved, voidSessionSlips } from "~/guardians/session-slips.server";
import type { Locale } from "~/i18n";
import { bilingual, localized } from "~/i18n/localized";
import { inTransaction, type DB } from "~/lib/db.server";
import { ok, refuse, type Result } from "~/lib/result";
import { isoToVnLocal, vnLocalToIso } from "~/lib/time";
import { queueEmails } from "~/mail/outbox.server";
import { notifyMany } from "~/notifications/notifications.server";
import type { SessionForm, SessionFormDefaults } from "./schemas";
import { promoteFromWaitlist } from "./waitlist.server";

export interface MeetingInput {
  startsAt: string;
  endsAt: string;
}

export interface SessionInput {
  room: string;
  capacity: number;
  instructorId: number | null;
  registrationOpensAt: string | null;
  registrationClosesAt: string | null;
  cancellationDeadline: string | null;
  minAttendancePercent: number;
  meetings: MeetingInput[];
}

const localToIso = (v: string | undefined) => (v ? vnLocalToIso(v.slice(0, 10), v.slice(11, 16)) : null);

/** The parsed form (Vietnam local times) as stored values (UTC), meetings in time order. */
export function sessionInputFromForm(form: SessionForm): SessionInput {
  const meetings = form.meetings
    .filter((m): m is { date: string; start: string; end: string } => !!m?.date && !!m.start && !!m.end)
    .map((m) => ({ startsAt: vnLocalToIso(m.date, m.start), endsAt: vnLocalToIso(m.date, m.end) }))
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  return {
    room: form.room,
    capacity: form.capacity,
    instructorId: form.instructorId ?? null,
    registrationOpensAt: localToIso(form.opensAt),
    registrationClosesAt: localToIso(form.closesAt),
    cancellationDeadline: localToIso(form.cancellationDeadline),
    minAttendancePercent: form.minAttendancePercent,
    meetings,
  };
}

function columns(input: SessionInput) {
  return {
    room: input.room,
    capacity: input.capacity,
    instructor_id: input.instructorId,
    registration_opens_at: input.registrationOpensAt,
    registration_closes_at: input.registrationClosesAt,
    cancellation_deadline: input.cancellationDeadline,
    min_attendance_percent: input.minAttendancePercent,
    starts_at: input.meetings[0].startsAt,
    ends_at: input.meetings.reduce((max, m) => (m.endsAt > max ? m.endsAt : max), input.meetings[0].endsAt),
  };
}

export async function createSession(db: DB, programId: number, input: SessionInput, now: string): Promise<number> {
  return inTransaction(db, async (trx) => {
    const row = await trx
      .insertInto("workshop_sessions")
      .values({ ...columns(input), program_id: programId, created_at: now, updated_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx
      .insertInto("workshop_meetings")
      .values(input.meetings.map((m) => ({ session_id: row.id, starts_at: m.startsAt, ends_at: m.endsAt })))
      .execute();
    return row.id;
  });
}

export type SessionRefusal = "notFound" | "capacityBelowConfirmed";

/**
 * Replaces a session's fields. Capacity may not go below the confirmed count (checked by the update itself);
 * a larger capacity promotes waitlisted students. Meetings that keep their start keep their attendance.
 */
export async function updateSession(db: DB, sessionId: number, input: SessionInput, now: string): Promise<Result<undefined, SessionRefusal>> {
  return inTransaction<Result<undefined, SessionRefusal>>(db, async (trx) => {
    const before = await trx.selectFrom("workshop_sessions").select("starts_at").where("id", "=", sessionId).executeTakeFirst();
    const r = await trx
      .updateTable("workshop_sessions")
      .set({ ...columns(input), updated_at: now })
      .where("id", "=", sessionId)
      .where("confirmed_count", "<=", input.capacity)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) {
      const exists = await trx.selectFrom("workshop_sessions").select("id").where("id", "=", sessionId).executeTakeFirst();
      return refuse(exists ? "capacityBelowConfirmed" : "notFound");
    }
    const current = await trx.selectFrom("workshop_meetings").select(["id", "starts_at"]).where("session_id", "=", sessionId).execute();
    const wanted = new Map(input.meetings.map((m) => [m.startsAt, m]));
    const stale = current.filter((m) => !wanted.has(m.starts_at)).map((m) => m.id);
    if (stale.length) await trx.deleteFrom("workshop_meetings").where("id", "in", stale).execute();
    for (const m of current.filter((c) => wanted.has(c.starts_at))) {
      await trx.updateTable("workshop_meetings").set({ ends_at: wanted.get(m.starts_at)!.endsAt }).where("id", "=", m.id).execute();
    }
    const kept = new Set(current.map((m) => m.starts_at));
    const added = input.meetings.filter((m) => !kept.has(m.startsAt));
    if (added.length) {
      await trx.insertInto("workshop_meetings").values(added.map((m) => ({ session_id: sessionId, starts_at: m.startsAt, ends_at: m.endsAt }))).execute();
    }
    await promoteFromWaitlist(trx, sessionId, now);
    // Moved: permission slips keep their answers (as for a moved tour); guardians are told the new start.
    const after = await trx.selectFrom("workshop_sessions").select("starts_at").where("id", "=", sessionId).executeTakeFirstOrThrow();
    if (before && before.starts_at !== after.starts_at) await slipsSessionMoved(trx, { sessionId, now });
    return ok();
  });
}

/** Cancels or restores a session; registrations are kept (the schedule shows the session as cancelled) and told. */
export async function setSessionStatus(db: DB, sessionId: number, status: "scheduled" | "cancelled", now: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    const r = await trx.updateTable("workshop_sessions").set({ status, updated_at: now }).where("id", "=", sessionId).where("status", "!=", status).executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) return;
    // Permission slips: void with the cancelled session, pending again (blank) when it is restored.
    if (status === "cancelled") await voidSessionSlips(trx, { sessionId, now });
    else await createSlipsForSession(trx, { sessionId, now });
    const people = await trx
      .selectFrom("workshop_registrations as r")
      .innerJoin("workshop_sessions as s", "s.id", "r.session_id")
      .innerJoin("programs as p", "p.id", "s.program_id")
      .select(["r.user_id", "p.title_vi", "p.title_en", "s.starts_at"])
      .where("r.session_id", "=", sessionId)
      .where("r.status", "in", ["confirmed", "waitlisted"])
      .execute();
    if (status === "cancelled") {
      await queueEmails(
        trx,
        people.map((p) => ({ template: "sessionCancelled", userId: p.user_id, params: { title: bilingual(p, "title"), startsAt: p.starts_at, link: "/schedule" }, now })),
      );
    }
    const messageKey = status === "cancelled" ? "workshops.notify.sessionCancelled" : "workshops.notify.sessionRestored";
    await notifyMany(
      trx,
      people.map((p) => ({ userId: p.user_id, messageKey, params: { title: bilingual(p, "title") }, link: "/schedule" })),
      now,
    );
  });
}

/** A session row with its program's slug, titles and kind (for the capability's own reads). */
export async function getSession(db: DB, sessionId: number) {
  const row = await db
    .selectFrom("workshop_sessions as s")
    .innerJoin("programs as p", "p.id", "s.program_id")
    .selectAll("s")
    .select(["p.slug", "p.title_vi", "p.title_en", "p.kind"])
    .where("s.id", "=", sessionId)
    .executeTakeFirst();
  return row ?? null;
}

export async function getMeetings(db: DB, sessionIds: number[]) {
  if (!sessionIds.length) return [];
  return db
    .selectFrom("workshop_meetings")
    .select(["id", "session_id", "starts_at", "ends_at"])
    .where("session_id", "in", sessionIds)
    .orderBy("session_id")
    .orderBy("starts_at")
    .execute();
}

export interface Instructor {
  id: number;
  name: string;
}

export async function listInstructors(db: DB): Promise<Instructor[]> {
  const rows = await db.selectFrom("users").select(["id", "full_name"]).where("role", "in", ["staff", "admin"]).orderBy("full_name").limit(200).execute();
  return rows.map((r) => ({ id: r.id, name: r.full_name }));
}

/** "2026-12-05T08:30" in Vietnam, for a datetime-local input. */
const vnInputValue = (iso: string | null) => (iso ? `${isoToVnLocal(iso).date}T${isoToVnLocal(iso).time}` : undefined);

/** What the session edit page shows: the session, the form filled in Vietnam time, the instructors; null when missing. */
export async function loadSessionEditor(db: DB, sessionId: number, locale: Locale) {
  const session = await getSession(db, sessionId);
  if (!session) return null;
  const [meetings, instructors] = await Promise.all([getMeetings(db, [session.id]), listInstructors(db)]);
  const defaults: SessionFormDefaults = {
    room: session.room,
    capacity: session.capacity,
    instructorId: session.instructor_id,
    opensAt: vnInputValue(session.registration_opens_at),
    closesAt: vnInputValue(session.registration_closes_at),
    cancellationDeadline: vnInputValue(session.cancellation_deadline),
    minAttendancePercent: session.min_attendance_percent,
    meetings: meetings.map((m) => ({ date: isoToVnLocal(m.starts_at).date, start: isoToVnLocal(m.starts_at).time, end: isoToVnLocal(m.ends_at).time })),
  };
  return {
    session: {
      id: session.id,
      programId: session.program_id,
      title: localized(session, "title", locale),
      status: session.status,
      confirmed: session.confirmed_count,
    },
    defaults,
    instructors,
  };
}

/** Sessions of a program in time order, as a view (four queries: sessions, meetings, the viewer's registrations, waitlist counts). */
export async function listProgramSessions(db: DB, programId: number, opts: { userId?: number; upcomingOnly: boolean; now: string }) {
  const { now } = opts;
  let q = db
    .selectFrom("workshop_sessions as s")
    .leftJoin("users as i", "i.id", "s.instructor_id")
    .selectAll("s")
    .select("i.full_name as instructor_name")
    .where("s.program_id", "=", programId)
    .orderBy("s.starts_at")
    .limit(100);
  if (opts.upcomingOnly) q = q.where("s.ends_at", ">", now).where("s.status", "=", "scheduled");
  const sessions = await q.execute();
  const ids = sessions.map((s) => s.id);
  const meetings = await getMeetings(db, ids);
  const mine =
    opts.userId && ids.length
      ? await db
          .selectFrom("workshop_registrations")
          .select(["id", "session_id", "status", "waitlist_position"])
          .where("user_id", "=", opts.userId)
          .where("session_id", "in", ids)
          .execute()
      : [];
  const waitlistCounts = ids.length
    ? await db
        .selectFrom("workshop_registrations")
        .select((eb) => ["session_id", eb.fn.countAll<number>().as("n")])
        .where("session_id", "in", ids)
        .where("status", "=", "waitlisted")
        .groupBy("session_id")
        .execute()
    : [];
  return sessions.map((s) => {
    const reg = mine.find((r) => r.session_id === s.id);
    return {
      id: s.id,
      status: s.status,
      room: s.room,
      capacity: s.capacity,
      confirmed: s.confirmed_count,
      seatsLeft: Math.max(0, s.capacity - s.confirmed_count),
      waitlistCount: Number(waitlistCounts.find((w) => w.session_id === s.id)?.n ?? 0),
      instructorName: s.instructor_name,
      startsAt: s.starts_at,
      endsAt: s.ends_at,
      registrationOpensAt: s.registration_opens_at,
      registrationClosesAt: s.registration_closes_at,
      cancellationDeadline: s.cancellation_deadline,
      meetings: meetings.filter((m) => m.session_id === s.id).map((m) => ({ id: m.id, startsAt: m.starts_at, endsAt: m.ends_at })),
      registration: reg ? { id: reg.id, status: reg.status, position: reg.waitlist_position } : null,
    };
  });
}
export type ProgramSession = Awaited<ReturnType<typeof listProgramSessions>>[number];
