// For the classes capability: registering a group of students at once, and reading many students' statuses at once.
import type { RegistrationStatus } from "#db/schema";
import { inTransaction, type DB } from "~/lib/db.server";
import { ok, refuse, type Result } from "~/lib/result";
import { nextWaitlistPosition, takeSeats } from "./waitlist.server";

export type GroupMode = "all-or-nothing" | "fill-then-waitlist";

/** "notEnoughSeats" carries params { fits, needed }: how many seats are left and how many students were to register. */
export type GroupRefusal = "notFound" | "sessionCancelled" | "started" | "notEnoughSeats";

export interface GroupRegistered {
  confirmed: number[];
  waitlisted: number[];
  skipped: number[];
}

/**
 * One transaction: students already confirmed or waitlisted are skipped; "all-or-nothing" changes nothing when the
 * seats left are fewer than the students still to register (and says how many fit); "fill-then-waitlist" confirms
 * in the given order while seats remain and waitlists the rest. Registrations are marked source = 'class'.
 */
export async function registerGroupForSession(
  db: DB,
  input: { sessionId: number; userIds: number[]; mode: GroupMode; now: string },
): Promise<Result<GroupRegistered, GroupRefusal>> {
  const { now } = input;
  const userIds = [...new Set(input.userIds)];
  return inTransaction<Result<GroupRegistered, GroupRefusal>>(db, async (trx) => {
    const session = await trx
      .selectFrom("workshop_sessions")
      .select(["id", "status", "starts_at", "capacity", "confirmed_count"])
      .where("id", "=", input.sessionId)
      .executeTakeFirst();
    if (!session) return refuse("notFound");
    if (session.status === "cancelled") return refuse("sessionCancelled");
    if (now >= session.starts_at) return refuse("started");
    const existing = userIds.length
      ? await trx
          .selectFrom("workshop_registrations")
          .select(["id", "user_id", "status"])
          .where("session_id", "=", input.sessionId)
          .where("user_id", "in", userIds)
          .execute()
      : [];
    const byUser = new Map(existing.map((r) => [r.user_id, r]));
    const skipped = userIds.filter((id) => {
      const s = byUser.get(id)?.status;
      return s === "confirmed" || s === "waitlisted";
    });
    const todo = userIds.filter((id) => !skipped.includes(id));
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
    return ok({ confirmed, waitlisted, skipped });
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
