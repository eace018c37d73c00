// Registering for a workshop session and leaving it. Each call is one write transaction: the seat is taken by a
// conditional update and the waitlist place is computed inside it, so capacity holds under any concurrency.
import type { RegistrationStatus } from "#db/schema";
import { inTransaction, isUniqueViolation, type DB } from "~/lib/db.server";
import { nowIso } from "~/lib/time";
import { notify } from "~/notifications/notifications.server";
import { checkEligibility } from "./eligibility";
import { closeWaitlistGap, nextWaitlistPosition, promoteFromWaitlist, releaseSeat, takeSeats } from "./waitlist.server";

export type RefusalReason =
  | "notFound"
  | "sessionCancelled"
  | "started"
  | "notOpen"
  | "closed"
  | "notEligible"
  | "overlap"
  | "removedByStaff";

export type RegisterResult =
  | { ok: true; status: "confirmed" | "waitlisted"; position: number | null; already: boolean; registrationId: number }
  | { ok: false; reason: RefusalReason; otherTitle?: string };

/** Another confirmed session of this student with a meeting overlapping one of this session's meetings. */
export async function findOverlap(trx: DB, sessionId: number, userId: number): Promise<{ title: string } | null> {
  const row = await trx
    .selectFrom("workshop_registrations as r")
    .innerJoin("workshop_sessions as s", "s.id", "r.session_id")
    .innerJoin("workshop_sessions as target", (j) => j.on("target.id", "=", sessionId))
    .innerJoin("workshop_meetings as m", "m.session_id", "s.id")
    .innerJoin("workshop_meetings as n", "n.session_id", "target.id")
    .innerJoin("programs as p", "p.id", "s.program_id")
    .select(["p.title_vi"])
    .where("r.user_id", "=", userId)
    .where("r.status", "=", "confirmed")
    .where("r.session_id", "!=", sessionId)
    .where("s.status", "=", "scheduled")
    .whereRef("s.starts_at", "<", "target.ends_at")
    .whereRef("s.ends_at", ">", "target.starts_at")
    .whereRef("m.starts_at", "<", "n.ends_at")
    .whereRef("m.ends_at", ">", "n.starts_at")
    .limit(1)
    .executeTakeFirst();
  return row ? { title: row.title_vi } : null;
}

/**
 * On SQLite write transactions are serialised, so the unique indexes never fire here; on a database with
 * concurrent writers they may (same student twice, same waitlist place): retry, and the retry sees the winner.
 */
export async function registerForSession(
  db: DB,
  input: { sessionId: number; userId: number; now?: string },
): Promise<RegisterResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await registerOnce(db, input);
    } catch (e) {
      if (db.isTransaction || attempt >= 3 || !isUniqueViolation(e)) throw e;
    }
  }
}

async function registerOnce(db: DB, input: { sessionId: number; userId: number; now?: string }): Promise<RegisterResult> {
  const now = input.now ?? nowIso();
  return inTransaction(db, async (trx) => {
    const session = await trx
      .selectFrom("workshop_sessions as s")
      .innerJoin("programs as p", "p.id", "s.program_id")
      .select([
        "s.id",
        "s.status",
        "s.starts_at",
        "s.registration_opens_at",
        "s.registration_closes_at",
        "p.status as program_status",
        "p.grade_min",
        "p.grade_max",
        "p.age_min",
        "p.age_max",
      ])
      .where("s.id", "=", input.sessionId)
      .executeTakeFirst();
    if (!session || session.program_status !== "published") return { ok: false, reason: "notFound" };
    const existing = await trx
      .selectFrom("workshop_registrations")
      .select(["id", "status", "waitlist_position"])
      .where("session_id", "=", input.sessionId)
      .where("user_id", "=", input.userId)
      .executeTakeFirst();
    // A second click returns what the first one did.
    if (existing && (existing.status === "confirmed" || existing.status === "waitlisted")) {
      return { ok: true, status: existing.status, position: existing.waitlist_position, already: true, registrationId: existing.id };
    }
    if (existing?.status === "removed") return { ok: false, reason: "removedByStaff" };
    if (session.status === "cancelled") return { ok: false, reason: "sessionCancelled" };
    if (now >= session.starts_at) return { ok: false, reason: "started" };
    if (session.registration_opens_at && now < session.registration_opens_at) return { ok: false, reason: "notOpen" };
    if (session.registration_closes_at && now >= session.registration_closes_at) return { ok: false, reason: "closed" };
    const student = await trx.selectFrom("users").select(["grade", "birth_year"]).where("id", "=", input.userId).executeTakeFirstOrThrow();
    const year = Number(now.slice(0, 4));
    if (checkEligibility(session, { grade: student.grade, birthYear: student.birth_year }, year) === "notEligible") {
      return { ok: false, reason: "notEligible" };
    }
    const overlap = await findOverlap(trx, input.sessionId, input.userId);
    if (overlap) return { ok: false, reason: "overlap", otherTitle: overlap.title };

    const confirmed = await takeSeats(trx, input.sessionId);
    const status: RegistrationStatus = confirmed ? "confirmed" : "waitlisted";
    const position = confirmed ? null : await nextWaitlistPosition(trx, input.sessionId);
    const values = { status, waitlist_position: position, updated_at: now, cancelled_at: null, source: "self" as const };
    let registrationId: number;
    if (existing) {
      await trx.updateTable("workshop_registrations").set({ ...values, created_at: now }).where("id", "=", existing.id).execute();
      registrationId = existing.id;
    } else {
      const row = await trx
        .insertInto("workshop_registrations")
        .values({ ...values, session_id: input.sessionId, user_id: input.userId, created_at: now })
        .returning("id")
        .executeTakeFirstOrThrow();
      registrationId = row.id;
    }
    return { ok: true, status: confirmed ? "confirmed" : "waitlisted", position, already: false, registrationId };
  });
}

export type CancelResult = { ok: true; promoted: number[] } | { ok: false; reason: "notFound" | "notActive" | "deadlinePassed" };

/** Whether a student may still cancel: waitlisted until the start, confirmed until the deadline (or the start). */
export function canCancel(
  reg: { status: string },
  session: { starts_at: string; cancellation_deadline: string | null },
  now: string,
): boolean {
  if (reg.status === "waitlisted") return now < session.starts_at;
  if (reg.status !== "confirmed") return false;
  return now < (session.cancellation_deadline ?? session.starts_at) && now < session.starts_at;
}

async function leave(
  trx: DB,
  reg: { id: number; session_id: number; status: string; waitlist_position: number | null },
  newStatus: "cancelled" | "removed",
  now: string,
): Promise<number[]> {
  await trx
    .updateTable("workshop_registrations")
    .set({ status: newStatus, waitlist_position: null, cancelled_at: now, updated_at: now })
    .where("id", "=", reg.id)
    .execute();
  if (reg.status === "waitlisted" && reg.waitlist_position !== null) {
    await closeWaitlistGap(trx, reg.session_id, reg.waitlist_position);
    return [];
  }
  if (reg.status === "confirmed") {
    await releaseSeat(trx, reg.session_id);
    return promoteFromWaitlist(trx, reg.session_id);
  }
  return [];
}

/** A student cancels their own registration (ownership is part of the query). */
export async function cancelRegistration(
  db: DB,
  input: { registrationId: number; userId: number; now?: string },
): Promise<CancelResult> {
  const now = input.now ?? nowIso();
  return inTransaction(db, async (trx) => {
    const reg = await trx
      .selectFrom("workshop_registrations as r")
      .innerJoin("workshop_sessions as s", "s.id", "r.session_id")
      .select(["r.id", "r.session_id", "r.status", "r.waitlist_position", "s.starts_at", "s.cancellation_deadline"])
      .where("r.id", "=", input.registrationId)
      .where("r.user_id", "=", input.userId)
      .executeTakeFirst();
    if (!reg) return { ok: false, reason: "notFound" };
    if (reg.status !== "confirmed" && reg.status !== "waitlisted") return { ok: false, reason: "notActive" };
    if (!canCancel(reg, reg, now)) return { ok: false, reason: "deadlinePassed" };
    return { ok: true, promoted: await leave(trx, reg, "cancelled", now) };
  });
}

/** Staff remove a registration of a session (any time); the seat goes to the waitlist. */
export async function removeRegistration(
  db: DB,
  input: { registrationId: number; sessionId: number; now?: string },
): Promise<CancelResult> {
  const now = input.now ?? nowIso();
  return inTransaction(db, async (trx) => {
    const reg = await trx
      .selectFrom("workshop_registrations as r")
      .innerJoin("workshop_sessions as s", "s.id", "r.session_id")
      .innerJoin("programs as p", "p.id", "s.program_id")
      .select(["r.id", "r.session_id", "r.user_id", "r.status", "r.waitlist_position", "p.title_vi"])
      .where("r.id", "=", input.registrationId)
      .where("r.session_id", "=", input.sessionId)
      .executeTakeFirst();
    if (!reg) return { ok: false, reason: "notFound" };
    if (reg.status !== "confirmed" && reg.status !== "waitlisted") return { ok: false, reason: "notActive" };
    const promoted = await leave(trx, reg, "removed", now);
    await notify(trx, { userId: reg.user_id, messageKey: "workshops.notify.removed", params: { title: reg.title_vi }, link: "/schedule" });
    return { ok: true, promoted };
  });
}
