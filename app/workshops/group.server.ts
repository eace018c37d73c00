// For the classes capability: registering a group of students at once, and reading many students' statuses at once.
import { createSlipsForSession } from "~/guardians/session-slips.server";
import type { RegistrationStatus } from "#db/schema";
import { recordAudit, type Actor } from "~/lib/audit.server";
import { inTransaction, type DB } from "~/lib/db.server";
import { vnYear } from "~/lib/time";
import { checkEligibility } from "./eligibility";
import { registrationWindow } from "./rules";
import { ok, refuse, type Result } from "~/lib/result";
import { nextWaitlistPosition, takeSeats } from "./waitlist.server";

export type GroupMode = "all-or-nothing" | "fill-then-waitlist";

/**
 * The session as a whole: the same rules as a student's own registration (published program, not cancelled, the
 * registration window). "notEnoughSeats" carries params { fits, needed }: how many seats are left and how many
 * students were to register.
 */
export type GroupRefusal = "notFound" | "sessionCancelled" | "started" | "notOpen" | "closed" | "notEnoughSeats";

/** Why one student of the group was not registered (the others were). */
export type StudentRefusal = "removedByStaff" | "notEligible" | "overlap" | "notStudent";

export interface GroupRegistered {
  confirmed: number[];
  waitlisted: number[];
  skipped: number[];
  /** Students left out, with the reason; `title` names the overlapping program (bilingual) for "overlap". */
  refused: { userId: number; reason: StudentRefusal; title?: { vi: string; en: string | null } }[];
}

/**
 * A staff member's explicit decision to register the group outside the window or past the per-student rules
 * (eligibility, overlap, removed by staff). Recorded in the security log with what it overrode.
 */
export interface StaffOverride {
  actor: Actor;
  /** Why staff decided so (required by the page, at most 500 characters): kept in the security log. */
  reason: string;
  /** The class this was done for, when it was (recorded with the event). */
  classId?: number;
}

/** Students of the group with a confirmed registration in another scheduled session whose meetings overlap. */
async function overlapsOf(trx: DB, sessionId: number, userIds: number[]) {
  if (!userIds.length) return new Map<number, { vi: string; en: string | null }>();
  const rows = await trx
    .selectFrom("workshop_registrations as r")
    .innerJoin("workshop_sessions as s", "s.id", "r.session_id")
    .innerJoin("workshop_sessions as target", (j) => j.on("target.id", "=", sessionId))
    .innerJoin("workshop_meetings as m", "m.session_id", "s.id")
    .innerJoin("workshop_meetings as n", "n.session_id", "target.id")
    .innerJoin("programs as p", "p.id", "s.program_id")
    .select(["r.user_id", "p.title_vi", "p.title_en"])
    .where("r.user_id", "in", userIds)
    .where("r.status", "=", "confirmed")
    .where("r.session_id", "!=", sessionId)
    .where("s.status", "=", "scheduled")
    .whereRef("s.starts_at", "<", "target.ends_at")
    .whereRef("s.ends_at", ">", "target.starts_at")
    .whereRef("m.starts_at", "<", "n.ends_at")
    .whereRef("m.ends_at", ">", "n.starts_at")
    .execute();
  const out = new Map<number, { vi: string; en: string | null }>();
  for (const r of rows) if (!out.has(r.user_id)) out.set(r.user_id, { vi: r.title_vi, en: r.title_en });
  return out;
}

/**
 * The rules of a group registration, read only: the session as a whole (published, not cancelled, not started;
 * the window is returned, not refused, so an override can lift it), the students already in (skipped), and per
 * other student the rule they fail, in the given order. `registerGroupForSession` decides with it and the staff
 * override's confirm step shows it (`previewGroupRules`), so both name the same students for the same reasons.
 */
async function judgeGroup(trx: DB, sessionId: number, userIds: number[], now: string) {
  const session = await trx
    .selectFrom("workshop_sessions as s")
    .innerJoin("programs as p", "p.id", "s.program_id")
    .select([
      "s.id",
      "s.status",
      "s.starts_at",
      "s.registration_opens_at",
      "s.registration_closes_at",
      "s.capacity",
      "s.confirmed_count",
      "p.status as program_status",
      "p.grade_min",
      "p.grade_max",
      "p.age_min",
      "p.age_max",
    ])
    .where("s.id", "=", sessionId)
    .executeTakeFirst();
  if (!session || session.program_status !== "published") return refuse("notFound");
  if (session.status === "cancelled") return refuse("sessionCancelled");
  const window = registrationWindow(
    { startsAt: session.starts_at, registrationOpensAt: session.registration_opens_at, registrationClosesAt: session.registration_closes_at },
    now,
  );
  // A session that has started is past any override.
  if (window === "started") return refuse("started");
  const [existing, students, overlaps] = userIds.length
    ? await Promise.all([
        trx
          .selectFrom("workshop_registrations")
          .select(["id", "user_id", "status"])
          .where("session_id", "=", sessionId)
          .where("user_id", "in", userIds)
          .execute(),
        trx.selectFrom("users").select(["id", "role", "grade", "birth_year"]).where("id", "in", userIds).execute(),
        overlapsOf(trx, sessionId, userIds),
      ])
    : [[], [], new Map<number, { vi: string; en: string | null }>()];
  const byUser = new Map(existing.map((r) => [r.user_id, r]));
  const studentOf = new Map(students.map((u) => [u.id, u]));
  const skipped = userIds.filter((id) => {
    const s = byUser.get(id)?.status;
    return s === "confirmed" || s === "waitlisted";
  });
  const verdicts: GroupRegistered["refused"] = [];
  const year = vnYear(now);
  for (const id of userIds) {
    if (skipped.includes(id)) continue;
    const u = studentOf.get(id);
    // Never overridable: only student accounts register.
    if (!u || u.role !== "student") {
      verdicts.push({ userId: id, reason: "notStudent" });
      continue;
    }
    const reason: StudentRefusal | null =
      byUser.get(id)?.status === "removed"
        ? "removedByStaff"
        : checkEligibility(session, { grade: u.grade, birthYear: u.birth_year }, year) === "notEligible"
          ? "notEligible"
          : overlaps.has(id)
            ? "overlap"
            : null;
    if (!reason) continue;
    const entry = reason === "overlap" ? { userId: id, reason, title: overlaps.get(id)! } : { userId: id, reason };
    verdicts.push(entry);
  }
  return ok({ session, window, skipped, byUser, verdicts });
}

export interface GroupPreview {
  /** "open", or the window a staff override would lift. */
  window: "open" | "notOpen" | "closed";
  already: number[];
  /** Students the rules leave out, with the reason: the override registers them, except "notStudent". */
  refused: GroupRegistered["refused"];
  seatsLeft: number;
}

/** What a group registration would meet now, without changing anything (the staff override's confirm step). */
export async function previewGroupRules(
  db: DB,
  input: { sessionId: number; userIds: number[]; now: string },
): Promise<Result<GroupPreview, "notFound" | "sessionCancelled" | "started">> {
  const judged = await judgeGroup(db, input.sessionId, [...new Set(input.userIds)], input.now);
  if (!judged.ok) return judged;
  const { session, window, skipped, verdicts } = judged.value;
  return ok({ window: window as GroupPreview["window"], already: skipped, refused: verdicts, seatsLeft: Math.max(0, session.capacity - session.confirmed_count) });
}

/**
 * One transaction, the same rules as a student's own registration (`registerForSession`): the program must be
 * published, the session not cancelled and its registration window open; each student must be a student, eligible
 * (grade or age), free at that time (no overlapping confirmed session) and not removed by staff — students who
 * fail are listed in `refused` and the rest go ahead. Students already confirmed or waitlisted are skipped;
 * "all-or-nothing" changes nothing when the seats left are fewer than the students still to register (and says how
 * many fit); "fill-then-waitlist" confirms in the given order while seats remain and waitlists the rest.
 * Registrations are marked source = 'class'. A staff `override` lifts the window and the per-student rules (never
 * a cancelled session or capacity) and is recorded.
 */
export async function registerGroupForSession(
  db: DB,
  input: { sessionId: number; userIds: number[]; mode: GroupMode; override?: StaffOverride; now: string },
): Promise<Result<GroupRegistered, GroupRefusal>> {
  const { now } = input;
  const userIds = [...new Set(input.userIds)];
  return inTransaction<Result<GroupRegistered, GroupRefusal>>(db, async (trx) => {
    const judged = await judgeGroup(trx, input.sessionId, userIds, now);
    if (!judged.ok) return judged;
    const { session, window, skipped, byUser, verdicts } = judged.value;
    if (window !== "open" && !input.override) return refuse(window as "notOpen" | "closed");
    const refused: GroupRegistered["refused"] = [];
    const overridden: GroupRegistered["refused"] = [];
    for (const v of verdicts) (input.override && v.reason !== "notStudent" ? overridden : refused).push(v);
    const refusedIds = new Set(refused.map((r) => r.userId));
    const todo = userIds.filter((id) => !skipped.includes(id) && !refusedIds.has(id));
    const seatsLeft = Math.max(0, session.capacity - session.confirmed_count);
    if (input.mode === "all-or-nothing" && seatsLeft < todo.length) {
      return refuse("notEnoughSeats", { params: { fits: seatsLeft, needed: todo.length } });
    }
    const fitCount = Math.min(seatsLeft, todo.length);
    // The conditional update still guards the read above, should anything else have taken seats meanwhile.
    if (!(await takeSeats(trx, input.sessionId, fitCount))) {
      if (input.mode === "all-or-nothing") return refuse("notEnoughSeats", { params: { fits: 0, needed: todo.length } });
      throw new Error("seats changed inside a write transaction");
    }
    const confirmed = todo.slice(0, fitCount);
    const waitlisted = todo.slice(fitCount);
    let position = waitlisted.length ? await nextWaitlistPosition(trx, input.sessionId) : 0;
    const confirmedSet = new Set(confirmed);
    const inserts = [];
    for (const userId of todo) {
      const isConfirmed = confirmedSet.has(userId);
      const values = {
        status: (isConfirmed ? "confirmed" : "waitlisted") as RegistrationStatus,
        waitlist_position: isConfirmed ? null : position++,
        source: "class" as const,
        updated_at: now,
        cancelled_at: null,
        created_at: now,
      };
      const row = byUser.get(userId);
      // A student who cancelled earlier keeps their one row per session (unique index): reuse it.
      if (row) await trx.updateTable("workshop_registrations").set(values).where("id", "=", row.id).execute();
      else inserts.push({ ...values, session_id: input.sessionId, user_id: userId });
    }
    // New registrations in a few multi-row inserts, not one statement per student.
    for (let i = 0; i < inserts.length; i += 200) {
      await trx.insertInto("workshop_registrations").values(inserts.slice(i, i + 200)).execute();
    }
    if (confirmed.length) await createSlipsForSession(trx, { sessionId: input.sessionId, now });
    if (input.override) {
      await recordAudit(trx, {
        actor: input.override.actor,
        action: "staff.override",
        subject: { type: "workshop_session", id: input.sessionId },
        details: {
          what: "groupRegistration",
          window,
          overriddenStudents: overridden.map((o) => `${o.userId}:${o.reason}`).join(",").slice(0, 2000),
          registered: todo.length,
          reason: input.override.reason.slice(0, 500),
          classId: input.override.classId ?? null,
        },
        now,
      });
    }
    return ok({ confirmed, waitlisted, skipped, refused });
  });
}

export interface RegistrationStatusRow {
  sessionId: number;
  userId: number;
  status: RegistrationStatus;
  waitlistPosition: number | null;
  meetings: number;
  attended: number;
  absent: number;
}

/** Every registration of these students in these sessions, with attendance counts: two queries whatever the size. */
export async function getRegistrationStatuses(
  db: DB,
  input: { sessionIds: number[]; userIds: number[] },
): Promise<RegistrationStatusRow[]> {
  if (!input.sessionIds.length || !input.userIds.length) return [];
  const rows = await db
    .selectFrom("workshop_registrations as r")
    .leftJoin("workshop_attendance as a", "a.registration_id", "r.id")
    .select((eb) => [
      "r.session_id",
      "r.user_id",
      "r.status",
      "r.waitlist_position",
      eb.fn.sum<number>(eb.case().when("a.status", "=", "attended").then(1).else(0).end()).as("attended"),
      eb.fn.sum<number>(eb.case().when("a.status", "=", "absent").then(1).else(0).end()).as("absent"),
    ])
    .where("r.session_id", "in", input.sessionIds)
    .where("r.user_id", "in", input.userIds)
    .groupBy("r.id")
    .execute();
  const meetings = await db
    .selectFrom("workshop_meetings")
    .select((eb) => ["session_id", eb.fn.countAll<number>().as("n")])
    .where("session_id", "in", input.sessionIds)
    .groupBy("session_id")
    .execute();
  const meetingCount = new Map(meetings.map((m) => [m.session_id, Number(m.n)]));
  return rows.map((r) => ({
    sessionId: r.session_id,
    userId: r.user_id,
    status: r.status,
    waitlistPosition: r.waitlist_position,
    meetings: meetingCount.get(r.session_id) ?? 0,
    attended: Number(r.attended ?? 0),
    absent: Number(r.absent ?? 0),
  }));
}
