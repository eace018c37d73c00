// Seats and the waitlist: every change happens inside the caller's transaction, guarded by conditional updates.
import { createSlipsForSession } from "~/guardians/session-slips.server";
import { bilingual } from "~/i18n/localized";
import type { DB } from "~/lib/db.server";
import { forUpdate } from "~/lib/dialect.server";
import { preparedQuery } from "~/lib/prepared.server";
import type { BilingualText } from "~/notifications/params";
import { queueEmails } from "~/mail/outbox.server";
import { notifyMany } from "~/notifications/notifications.server";

/**
 * Every change of a session's seats or waitlist first locks the session's row until the transaction ends, so that
 * on PostgreSQL (where transactions interleave) "next waitlist place" and "close the gap" see one order per
 * session. SQLite runs one write transaction at a time anyway; there this is a no-op.
 */
export async function lockSessionSeats(trx: DB, sessionId: number): Promise<void> {
  await forUpdate(trx, trx.selectFrom("workshop_sessions").select("id").where("id", "=", sessionId)).execute();
}

// Prepared (app/lib/prepared.server.ts): every registration runs these.
const takeSeatsQuery = preparedQuery((trx, v: { sessionId: number; n: number }) =>
  trx
    .updateTable("workshop_sessions")
    .set((eb) => ({ confirmed_count: eb("confirmed_count", "+", v.n) }))
    .where("id", "=", v.sessionId)
    .where((eb) => eb(eb("confirmed_count", "+", v.n), "<=", eb.ref("capacity"))),
);
const lastWaitlistPositionQuery = preparedQuery((trx, v: { sessionId: number }) =>
  trx
    .selectFrom("workshop_registrations")
    .select((eb) => eb.fn.max("waitlist_position").as("max"))
    .where("session_id", "=", v.sessionId)
    .where("status", "=", "waitlisted"),
);

/** Takes n seats at once, or none: true when they were free. */
export async function takeSeats(trx: DB, sessionId: number, n = 1): Promise<boolean> {
  await lockSessionSeats(trx, sessionId);
  if (n <= 0) return true;
  const r = await takeSeatsQuery(trx, { sessionId, n });
  return Number(r.numAffectedRows ?? 0) === 1;
}

export async function releaseSeat(trx: DB, sessionId: number): Promise<void> {
  await lockSessionSeats(trx, sessionId);
  await trx
    .updateTable("workshop_sessions")
    .set((eb) => ({ confirmed_count: eb("confirmed_count", "-", 1) }))
    .where("id", "=", sessionId)
    .where("confirmed_count", ">", 0)
    .execute();
}

export async function nextWaitlistPosition(trx: DB, sessionId: number): Promise<number> {
  const row = (await lastWaitlistPositionQuery(trx, { sessionId })).rows[0];
  return Number(row?.max ?? 0) + 1;
}

/**
 * Closes the gap a leaving student left at `position`: positions after it move up by one. Done in two steps
 * (negate, then shift) so the unique (session, position) index never sees a transient duplicate.
 */
export async function closeWaitlistGap(trx: DB, sessionId: number, position: number): Promise<void> {
  await lockSessionSeats(trx, sessionId);
  await trx
    .updateTable("workshop_registrations")
    .set((eb) => ({ waitlist_position: eb.neg(eb.ref("waitlist_position")) }))
    .where("session_id", "=", sessionId)
    .where("status", "=", "waitlisted")
    .where("waitlist_position", ">", position)
    .execute();
  await trx
    .updateTable("workshop_registrations")
    .set((eb) => ({ waitlist_position: eb(eb.neg(eb.ref("waitlist_position")), "-", 1) }))
    .where("session_id", "=", sessionId)
    .where("status", "=", "waitlisted")
    .where("waitlist_position", "<", 0)
    .execute();
}

/** Moves waitlisted students into free seats in order (#1 first) and notifies them. Returns the promoted user ids. */
export async function promoteFromWaitlist(trx: DB, sessionId: number, now: string): Promise<number[]> {
  await lockSessionSeats(trx, sessionId);
  const promoted: { userId: number; registrationId: number; title: BilingualText; startsAt: string }[] = [];
  for (;;) {
    const first = await trx
      .selectFrom("workshop_registrations as r")
      .innerJoin("workshop_sessions as s", "s.id", "r.session_id")
      .innerJoin("programs as p", "p.id", "s.program_id")
      .select(["r.id", "r.user_id", "p.title_vi", "p.title_en", "s.starts_at"])
      .where("r.session_id", "=", sessionId)
      .where("r.status", "=", "waitlisted")
      .where("r.waitlist_position", "=", 1)
      .executeTakeFirst();
    if (!first) break;
    if (!(await takeSeats(trx, sessionId))) break;
    await trx
      .updateTable("workshop_registrations")
      .set({ status: "confirmed", waitlist_position: null, updated_at: now })
      .where("id", "=", first.id)
      .execute();
    await closeWaitlistGap(trx, sessionId, 1);
    promoted.push({ userId: first.user_id, registrationId: first.id, title: bilingual(first, "title"), startsAt: first.starts_at });
  }
  if (promoted.length) await createSlipsForSession(trx, { sessionId, now });
  await notifyMany(
    trx,
    promoted.map((p) => ({
      userId: p.userId,
      messageKey: "workshops.notify.promoted",
      params: { title: p.title },
      link: "/schedule",
    })),
    now,
  );
  await queueEmails(
    trx,
    promoted.map((p) => ({
      template: "waitlistPromoted",
      userId: p.userId,
      params: { title: p.title, startsAt: p.startsAt, link: "/schedule" },
      attachments: [{ kind: "registrationIcs", registrationId: p.registrationId }],
      now,
    })),
  );
  return promoted.map((p) => p.userId);
}
