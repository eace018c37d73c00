// Who took part in a class's tour (issue 11): the class's students when staff confirmed the booking, kept as a
// list (`tour_booking_students`) so that students who join the class later do not receive its participation
// certificates. Staff can adjust the list when they mark the booking complete (recorded as a staff override);
// only students of that list or of the class can be on it.
import type { DB } from "~/lib/db.server";
import { recordAudit, type Actor } from "~/lib/audit.server";
import { compareVietnameseNames } from "~/i18n/format";

/** Copies the class's current students onto the booking's list (at confirmation). Harmless twice. */
export async function snapshotParticipants(trx: DB, input: { bookingId: number; classId: number; now: string }): Promise<void> {
  await trx
    .insertInto("tour_booking_students")
    .columns(["booking_id", "student_id", "created_at"])
    .expression((eb) =>
      eb
        .selectFrom("class_members as cm")
        .innerJoin("users as u", "u.id", "cm.student_id")
        .select((e) => [e.val(input.bookingId).as("booking_id"), "cm.student_id", e.val(input.now).as("created_at")])
        .where("cm.class_id", "=", input.classId)
        .where("u.role", "=", "student"),
    )
    .onConflict((oc) => oc.columns(["booking_id", "student_id"]).doNothing())
    .execute();
}

/** The students of the list checked in on the visit day (empty when nobody was checked in). */
export async function checkedInIds(db: DB, input: { bookingId: number }): Promise<number[]> {
  const rows = await db
    .selectFrom("tour_booking_students")
    .select("student_id")
    .where("booking_id", "=", input.bookingId)
    .where("checked_in_at", "is not", null)
    .execute();
  return rows.map((r) => r.student_id);
}

/**
 * Completion after a check-in took place (and staff gave no list): only the checked-in students stay on the
 * list, so only they receive the participation certificates. Rows that stay keep their check-in time.
 */
export async function keepCheckedIn(trx: DB, input: { bookingId: number }): Promise<void> {
  await trx.deleteFrom("tour_booking_students").where("booking_id", "=", input.bookingId).where("checked_in_at", "is", null).execute();
}

/** The booking's list of participants. */
export async function participantIds(db: DB, input: { bookingId: number }): Promise<number[]> {
  const listed = await db.selectFrom("tour_booking_students").select("student_id").where("booking_id", "=", input.bookingId).execute();
  return listed.map((r) => r.student_id);
}

/**
 * Staff's adjusted list on completion: students of the list or of the class only (anything else is ignored);
 * replaces the list and records what changed.
 */
export async function adjustParticipants(
  trx: DB,
  input: { bookingId: number; classId: number; studentIds: number[]; actor: Actor; now: string },
): Promise<number[]> {
  const current = await participantIds(trx, { bookingId: input.bookingId });
  const members = await trx
    .selectFrom("class_members as cm")
    .innerJoin("users as u", "u.id", "cm.student_id")
    .select("cm.student_id")
    .where("cm.class_id", "=", input.classId)
    .where("u.role", "=", "student")
    .execute();
  const allowed = new Set([...current, ...members.map((m) => m.student_id)]);
  const wanted = [...new Set(input.studentIds)].filter((id) => allowed.has(id));
  const added = wanted.filter((id) => !current.includes(id));
  const removed = current.filter((id) => !wanted.includes(id));
  if (added.length === 0 && removed.length === 0) return wanted;
  // By difference, so the rows that stay keep their check-in time (app/guardians/checkin.server.ts).
  if (removed.length) await trx.deleteFrom("tour_booking_students").where("booking_id", "=", input.bookingId).where("student_id", "in", removed).execute();
  if (added.length) {
    await trx
      .insertInto("tour_booking_students")
      .values(added.map((id) => ({ booking_id: input.bookingId, student_id: id, created_at: input.now })))
      .execute();
  }
  await recordAudit(trx, {
    actor: input.actor,
    action: "staff.override",
    subject: { type: "tour_booking", id: input.bookingId },
    details: { what: "tourParticipants", added: added.join(",").slice(0, 2000), removed: removed.join(",").slice(0, 2000) },
    now: input.now,
  });
  return wanted;
}

/**
 * For the staff completion form: the class's students and those on the list, ticked when on the list (a booking
 * confirmed before lists existed has none: its class's students are ticked, as completion would list them).
 * When a check-in took place, only the checked-in students are ticked; `checkedIn` is their number (null: none).
 */
export async function participantChoices(db: DB, input: { bookingId: number; classId: number }) {
  const present = await checkedInIds(db, input);
  const ids = present.length ? present : await participantIds(db, input);
  const listed = new Set(ids);
  const rows = await db
    .selectFrom("users as u")
    .select(["u.id", "u.full_name"])
    .where((eb) =>
      eb.or([
        eb("u.id", "in", eb.selectFrom("class_members").select("student_id").where("class_id", "=", input.classId)),
        eb("u.id", "in", eb.selectFrom("tour_booking_students").select("student_id").where("booking_id", "=", input.bookingId)),
      ]),
    )
    .where("u.role", "=", "student")
    .execute();
  return {
    checkedIn: present.length ? present.length : null,
    students: rows
      .map((r) => ({ id: r.id, fullName: r.full_name, listed: ids.length === 0 || listed.has(r.id) }))
      .sort((a, b) => compareVietnameseNames(a.fullName, b.fullName) || a.id - b.id),
  };
}

/** The completion form's list for a booking, or null when the booking is not a class's. */
export async function participantChoicesForBooking(db: DB, bookingId: number) {
  const b = await db.selectFrom("tour_bookings").select("class_id").where("id", "=", bookingId).executeTakeFirst();
  if (!b?.class_id) return null;
  return participantChoices(db, { bookingId, classId: b.class_id });
}
