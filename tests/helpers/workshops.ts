// Builders for workshop tests: a published workshop program with one session of n meetings, and a student's
// registration through the capability's own registerForSession.
import type { ProgramInput } from "~/catalog/programs.server";
import { createProgram } from "~/catalog/programs.server";
import { db, type DB } from "~/lib/db.server";
import { nowIso } from "~/lib/time";
import { registerForSession } from "~/workshops/registration.server";
import { createSession, type SessionInput } from "~/workshops/sessions.server";

let n = 0;
const DAY = 86_400_000;

/** ISO time `days` from now (at a whole hour, so meetings line up). */
export function inDays(days: number, hour = 8): string {
  const d = new Date(Date.now() + days * DAY);
  d.setUTCHours(hour, 0, 0, 0);
  return d.toISOString();
}

export async function createWorkshop(
  opts: {
    program?: Partial<ProgramInput>;
    session?: Partial<SessionInput>;
    startDays?: number;
    meetings?: number;
    hours?: number;
  } = {},
  database: DB = db,
) {
  n += 1;
  const slug = opts.program?.slug ?? `workshop-thu-${n}-${Date.now().toString(36)}`;
  const programId = await createProgram(database, {
    kind: "workshop",
    slug,
    titleVi: `Workshop thử nghiệm ${n}`,
    titleEn: `Test workshop ${n}`,
    status: "published",
    ...opts.program,
  });
  if (!programId) throw new Error("slug taken");
  const start = opts.startDays ?? 10;
  const meetings =
    opts.session?.meetings ??
    Array.from({ length: opts.meetings ?? 1 }, (_, i) => ({ startsAt: inDays(start + i * 7, 1), endsAt: inDays(start + i * 7, 1 + (opts.hours ?? 2)) }));
  const sessionId = await createSession(database, programId, {
    room: "Phòng Fab Lab 1",
    capacity: 20,
    instructorId: null,
    registrationOpensAt: null,
    registrationClosesAt: null,
    cancellationDeadline: null,
    minAttendancePercent: 100,
    ...opts.session,
    meetings,
  }, nowIso());
  return { programId, sessionId, slug };
}

/**
 * A user registers for a session of its own program, as the workshop page does (their role and language from the
 * users table), at `now` (the clock unless told). An unknown session is refused as "notFound".
 */
export async function registerStudent(database: DB, input: { sessionId: number; userId: number; now?: string }) {
  const session = await database.selectFrom("workshop_sessions").select("program_id").where("id", "=", input.sessionId).executeTakeFirst();
  const user = await database.selectFrom("users").select(["id", "role", "locale"]).where("id", "=", input.userId).executeTakeFirstOrThrow();
  return registerForSession(database, { programId: session?.program_id ?? 0, sessionId: input.sessionId, user, now: input.now ?? nowIso() });
}

export async function sessionRow(sessionId: number) {
  return db.selectFrom("workshop_sessions").selectAll().where("id", "=", sessionId).executeTakeFirstOrThrow();
}

export async function registrationsOf(sessionId: number) {
  return db.selectFrom("workshop_registrations").selectAll().where("session_id", "=", sessionId).orderBy("id").execute();
}

/** The invariants that must hold whatever happened: seats, counter, waitlist numbering. */
export async function checkInvariants(sessionId: number) {
  const s = await sessionRow(sessionId);
  const regs = await registrationsOf(sessionId);
  const confirmed = regs.filter((r) => r.status === "confirmed").length;
  const positions = regs
    .filter((r) => r.status === "waitlisted")
    .map((r) => r.waitlist_position!)
    .sort((a, b) => a - b);
  return {
    confirmed,
    counter: s.confirmed_count,
    capacity: s.capacity,
    positions,
    positionsContiguous: positions.every((p, i) => p === i + 1),
    usersUnique: new Set(regs.map((r) => r.user_id)).size === regs.length,
  };
}
