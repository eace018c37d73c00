// Registering for a workshop session and leaving it. Each call is one write transaction: the seat is taken by a
// conditional update and the waitlist place is computed inside it, so capacity holds under any concurrency.
import type { RegistrationStatus } from "#db/schema";
import type { SessionUser } from "~/auth/roles";
import { bilingual, localized } from "~/i18n/localized";
import { createSlipsForSession, voidSessionSlips } from "~/guardians/session-slips.server";
import { inTransaction, isUniqueViolation, type DB } from "~/lib/db.server";
import { preparedQuery } from "~/lib/prepared.server";
import { ok, refuse, type Result } from "~/lib/result";
import { pauseForTests } from "~/lib/test-hooks";
import { vnYear } from "~/lib/time";
import { queueEmail } from "~/mail/outbox.server";
import { notify } from "~/notifications/notifications.server";
import { checkEligibility } from "./eligibility";
import { canCancel, mayRegister, registrationWindow } from "./rules";
import { closeWaitlistGap, lockSessionSeats, nextWaitlistPosition, promoteFromWaitlist, releaseSeat, takeSeats } from "./waitlist.server";

export type RegistrationRefusal =
  | "studentsOnly"
  | "notFound"
  | "sessionCancelled"
  | "started"
  | "notOpen"
  | "closed"
  | "notEligible"
  | "overlap"
  | "removedByStaff";

export interface Registered {
  status: "confirmed" | "waitlisted";
  position: number | null;
  /** A second click answers what the first one did. */
  already: boolean;
  registrationId: number;
}

/** Who registers: their role decides whether they may, their language names an overlapping workshop. */
export type Registrant = Pick<SessionUser, "id" | "role" | "locale">;

/** Another confirmed session of this student with a meeting overlapping one of this session's meetings. */
const overlapQuery = preparedQuery((trx, v: { sessionId: number; userId: number }) =>
  trx
    .selectFrom("workshop_registrations as r")
    .innerJoin("workshop_sessions as s", "s.id", "r.session_id")
    .innerJoin("workshop_sessions as target", (j) => j.on("target.id", "=", v.sessionId))
    .innerJoin("workshop_meetings as m", "m.session_id", "s.id")
    .innerJoin("workshop_meetings as n", "n.session_id", "target.id")
    .innerJoin("programs as p", "p.id", "s.program_id")
    .select(["p.title_vi", "p.title_en"])
    .where("r.user_id", "=", v.userId)
    .where("r.status", "=", "confirmed")
    .where("r.session_id", "!=", v.sessionId)
    .where("s.status", "=", "scheduled")
    .whereRef("s.starts_at", "<", "target.ends_at")
    .whereRef("s.ends_at", ">", "target.starts_at")
    .whereRef("m.starts_at", "<", "n.ends_at")
    .whereRef("m.ends_at", ">", "n.starts_at")
    .limit(1),
);

async function findOverlap(trx: DB, sessionId: number, userId: number) {
  return (await overlapQuery(trx, { sessionId, userId })).rows[0] ?? null;
}

// The registration's own reads, prepared (app/lib/prepared.server.ts): a storm runs them hundreds of times a second.
const sessionToRegisterQuery = preparedQuery((trx, v: { sessionId: number }) =>
  trx
    .selectFrom("workshop_sessions as s")
    .innerJoin("programs as p", "p.id", "s.program_id")
    .select([
      "s.id",
      "s.program_id",
      "s.status",
      "s.starts_at",
      "s.registration_opens_at",
      "s.registration_closes_at",
      "p.status as program_status",
      "p.grade_min",
      "p.grade_max",
      "p.age_min",
      "p.age_max",
      "p.title_vi",
      "p.title_en",
    ])
    .where("s.id", "=", v.sessionId),
);
const existingRegistrationQuery = preparedQuery((trx, v: { sessionId: number; userId: number }) =>
  trx.selectFrom("workshop_registrations").select(["id", "status", "waitlist_position"]).where("session_id", "=", v.sessionId).where("user_id", "=", v.userId),
);
const studentAgeQuery = preparedQuery((trx, v: { userId: number }) => trx.selectFrom("users").select(["grade", "birth_year"]).where("id", "=", v.userId));

/**
 * A student registers for a session of a program: confirmed while seats remain, else waitlisted. Owns every rule:
 * only students register; the session must belong to this (published) program; the registration window
 * (`registrationWindow`); eligibility by grade or age in the Vietnamese calendar year; no overlapping meetings.
 *
 * On SQLite write transactions are serialised, so the unique indexes never fire here; on a database with
 * concurrent writers they may (same student twice, same waitlist place): retry, and the retry sees the winner.
 */
export async function registerForSession(
  db: DB,
  input: { programId: number; sessionId: number; user: Registrant; now: string },
): Promise<Result<Registered, RegistrationRefusal>> {
  if (!mayRegister(input.user)) return refuse("studentsOnly");
  for (let attempt = 1; ; attempt++) {
    try {
      return await registerOnce(db, input);
    } catch (e) {
      if (db.isTransaction || attempt >= 3 || !isUniqueViolation(e)) throw e;
    }
  }
}

async function registerOnce(
  db: DB,
  input: { programId: number; sessionId: number; user: Registrant; now: string },
): Promise<Result<Registered, RegistrationRefusal>> {
  const { now, user } = input;
  return inTransaction<Result<Registered, RegistrationRefusal>>(db, async (trx) => {
    const session = (await sessionToRegisterQuery(trx, { sessionId: input.sessionId })).rows[0];
    if (!session || session.program_id !== input.programId || session.program_status !== "published") return refuse("notFound");
    const existing = (await existingRegistrationQuery(trx, { sessionId: input.sessionId, userId: user.id })).rows[0];
    if (existing && (existing.status === "confirmed" || existing.status === "waitlisted")) {
      return ok({ status: existing.status, position: existing.waitlist_position, already: true, registrationId: existing.id });
    }
    if (existing?.status === "removed") return refuse("removedByStaff");
    if (session.status === "cancelled") return refuse("sessionCancelled");
    const window = registrationWindow(
      { startsAt: session.starts_at, registrationOpensAt: session.registration_opens_at, registrationClosesAt: session.registration_closes_at },
      now,
    );
    if (window !== "open") return refuse(window);
    const student = (await studentAgeQuery(trx, { userId: user.id })).rows[0];
    if (!student) throw new Error(`registerForSession: no user ${user.id}`);
    if (checkEligibility(session, { grade: student.grade, birthYear: student.birth_year }, vnYear(now)) === "notEligible") {
      return refuse("notEligible");
    }
    const overlap = await findOverlap(trx, input.sessionId, user.id);
    if (overlap) return refuse("overlap", { params: { title: localized(overlap, "title", user.locale) } });
    await pauseForTests("workshops.register");

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
        .values({ ...values, session_id: input.sessionId, user_id: user.id, created_at: now })
        .returning("id")
        .executeTakeFirstOrThrow();
      registrationId = row.id;
    }
    // A program that asks for permission slips: the slip is created with the confirmation (issue 16).
    if (confirmed) await createSlipsForSession(trx, { sessionId: input.sessionId, now });
    await queueEmail(trx, {
      template: confirmed ? "registrationConfirmed" : "registrationWaitlisted",
      userId: user.id,
      params: { title: bilingual(session, "title"), startsAt: session.starts_at, position: position ?? 0, link: "/schedule" },
      attachments: [{ kind: "registrationIcs", registrationId }],
      now,
    });
    return ok({ status: confirmed ? "confirmed" : "waitlisted", position, already: false, registrationId });
  });
}

export type CancelRefusal = "notFound" | "notActive" | "deadlinePassed";
export type RemovalRefusal = "notFound" | "notActive";

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
  // Its permission slip, if any, is void (phone and note erased).
  await voidSessionSlips(trx, { registrationId: reg.id, now });
  if (reg.status === "waitlisted" && reg.waitlist_position !== null) {
    await closeWaitlistGap(trx, reg.session_id, reg.waitlist_position);
    return [];
  }
  if (reg.status === "confirmed") {
    await releaseSeat(trx, reg.session_id);
    return promoteFromWaitlist(trx, reg.session_id, now);
  }
  return [];
}

async function sessionOfRegistration(trx: DB, registrationId: number): Promise<number | null> {
  const row = await trx.selectFrom("workshop_registrations").select("session_id").where("id", "=", registrationId).executeTakeFirst();
  return row?.session_id ?? null;
}

/** A student cancels their own registration (ownership is part of the query: someone else's is "notFound"). */
export async function cancelRegistration(
  db: DB,
  input: { registrationId: number; userId: number; now: string },
): Promise<Result<{ promoted: number[] }, CancelRefusal>> {
  const { now } = input;
  return inTransaction<Result<{ promoted: number[] }, CancelRefusal>>(db, async (trx) => {
    // The session's seats are locked before the registration is read, so its waitlist place cannot move meanwhile.
    const sessionId = await sessionOfRegistration(trx, input.registrationId);
    if (sessionId === null) return refuse("notFound");
    await lockSessionSeats(trx, sessionId);
    const reg = await trx
      .selectFrom("workshop_registrations as r")
      .innerJoin("workshop_sessions as s", "s.id", "r.session_id")
      .select(["r.id", "r.session_id", "r.status", "r.waitlist_position", "s.starts_at", "s.cancellation_deadline"])
      .where("r.id", "=", input.registrationId)
      .where("r.user_id", "=", input.userId)
      .executeTakeFirst();
    if (!reg) return refuse("notFound");
    if (reg.status !== "confirmed" && reg.status !== "waitlisted") return refuse("notActive");
    if (!canCancel(reg.status, { startsAt: reg.starts_at, cancellationDeadline: reg.cancellation_deadline }, now)) return refuse("deadlinePassed");
    return ok({ promoted: await leave(trx, reg, "cancelled", now) });
  });
}

/** Staff remove a registration of a session (any time); the seat goes to the waitlist and the student is told. */
export async function removeRegistration(
  db: DB,
  input: { registrationId: number; sessionId: number; now: string },
): Promise<Result<{ promoted: number[] }, RemovalRefusal>> {
  const { now } = input;
  return inTransaction<Result<{ promoted: number[] }, RemovalRefusal>>(db, async (trx) => {
    await lockSessionSeats(trx, input.sessionId);
    const reg = await trx
      .selectFrom("workshop_registrations as r")
      .innerJoin("workshop_sessions as s", "s.id", "r.session_id")
      .innerJoin("programs as p", "p.id", "s.program_id")
      .select(["r.id", "r.session_id", "r.user_id", "r.status", "r.waitlist_position", "p.title_vi", "p.title_en"])
      .where("r.id", "=", input.registrationId)
      .where("r.session_id", "=", input.sessionId)
      .executeTakeFirst();
    if (!reg) return refuse("notFound");
    if (reg.status !== "confirmed" && reg.status !== "waitlisted") return refuse("notActive");
    const promoted = await leave(trx, reg, "removed", now);
    await notify(trx, { userId: reg.user_id, messageKey: "workshops.notify.removed", params: { title: bilingual(reg, "title") }, link: "/schedule" }, now);
    return ok({ promoted });
  });
}
