// Student cards (issue 16, day-of check-in by QR). Each student gets one opaque, random card code (table
// `student_cards`, migration 0025), printed on their card as text and as a QR code. The code only identifies the
// student to someone who is already allowed on a booking's check-in page (staff, the class's teachers); it grants
// nothing by itself, and a code of a student who is not cleared on that booking is refused. Not derived from the
// student id (an HMAC would not be revocable one card at a time): a teacher replaces a lost card's code and the old
// card stops working.
import { randomInt } from "node:crypto";
import { recordAudit } from "~/lib/audit.server";
import { inTransaction, type DB } from "~/lib/db.server";
import { ok, refuse, type Result } from "~/lib/result";
import { isoToVnLocal } from "~/lib/time";
import { CARD_CODE_ALPHABET, CARD_CODE_LENGTH, CARD_QR_PREFIX, formatCardCode } from "./card-code";

export { formatCardCode, normaliseCardCode } from "./card-code";

/** 16 characters of 31 (~79 bits): not guessable, and a forged code is refused like an unknown card. */
export function generateCardCode(): string {
  let out = "";
  for (let i = 0; i < CARD_CODE_LENGTH; i++) out += CARD_CODE_ALPHABET[randomInt(CARD_CODE_ALPHABET.length)];
  return out;
}

/** What the QR code holds: a prefix (so another QR code is recognised as "not a card") and the code. */
export function cardQrText(code: string): string {
  return `${CARD_QR_PREFIX}${code}`;
}

export interface StudentCard {
  studentId: number;
  fullName: string;
  username: string | null;
  code: string;
  /** Grouped for reading aloud or typing: "ABCD-EFGH-JKMN-PQRS". */
  printed: string;
}

/** Gives a card code to each of these students that has none (a code once given stays until replaced). */
async function ensureCodes(db: DB, studentIds: number[], actorId: number, now: string): Promise<void> {
  if (studentIds.length === 0) return;
  const have = new Set(
    (await db.selectFrom("student_cards").select("student_id").where("student_id", "in", studentIds).execute()).map((r) => r.student_id),
  );
  const missing = studentIds.filter((id) => !have.has(id));
  if (missing.length === 0) return;
  // `on conflict do nothing`: a card printed at the same time by another teacher keeps its code.
  await db
    .insertInto("student_cards")
    .values(missing.map((id) => ({ student_id: id, code: generateCardCode(), issued_by: actorId, issued_at: now })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/**
 * The cards of a class's students (whoever created their account), giving a code to those without one. The caller
 * has checked that the user manages the class.
 */
export async function cardsForClass(db: DB, input: { classId: number; actorId: number; now: string }): Promise<StudentCard[]> {
  const students = await db
    .selectFrom("class_members as m")
    .innerJoin("users as u", "u.id", "m.student_id")
    .select(["u.id"])
    .where("m.class_id", "=", input.classId)
    .where("u.role", "=", "student")
    .limit(500)
    .execute();
  await ensureCodes(
    db,
    students.map((s) => s.id),
    input.actorId,
    input.now,
  );
  const rows = await db
    .selectFrom("class_members as m")
    .innerJoin("users as u", "u.id", "m.student_id")
    .innerJoin("student_cards as c", "c.student_id", "u.id")
    .select(["u.id", "u.full_name", "u.username", "c.code"])
    .where("m.class_id", "=", input.classId)
    .where("u.role", "=", "student")
    .orderBy("u.name_key")
    .limit(500)
    .execute();
  return rows.map((r) => ({ studentId: r.id, fullName: r.full_name, username: r.username, code: r.code, printed: formatCardCode(r.code) }));
}

/** The card codes of these students (e.g. accounts just created), giving a code to those without one. */
export async function cardCodesFor(db: DB, input: { studentIds: number[]; actorId: number; now: string }): Promise<Map<number, string>> {
  await ensureCodes(db, input.studentIds, input.actorId, input.now);
  if (input.studentIds.length === 0) return new Map();
  const rows = await db.selectFrom("student_cards").select(["student_id", "code"]).where("student_id", "in", input.studentIds).execute();
  return new Map(rows.map((r) => [r.student_id, r.code]));
}

export type ReplaceCardRefusal = "notFound";

/** A lost card: the student of this class gets a new code; the old card is refused from now on. Audited. */
export async function replaceStudentCard(
  db: DB,
  input: { classId: number; studentId: number; actor: { userId: number; ip: string }; now: string },
): Promise<Result<undefined, ReplaceCardRefusal>> {
  return inTransaction(db, async (trx) => {
    const member = await trx
      .selectFrom("class_members as m")
      .innerJoin("users as u", "u.id", "m.student_id")
      .select("u.id")
      .where("m.class_id", "=", input.classId)
      .where("m.student_id", "=", input.studentId)
      .where("u.role", "=", "student")
      .executeTakeFirst();
    if (!member) return refuse("notFound");
    const code = generateCardCode();
    await trx
      .insertInto("student_cards")
      .values({ student_id: input.studentId, code, issued_by: input.actor.userId, issued_at: input.now })
      .onConflict((oc) => oc.column("student_id").doUpdateSet({ code, issued_by: input.actor.userId, issued_at: input.now }))
      .execute();
    await recordAudit(trx, {
      actor: input.actor,
      action: "card.replaced",
      subject: { type: "user", id: input.studentId },
      details: { classId: input.classId },
      now: input.now,
    });
    return ok();
  });
}

export type CardCheckInRefusal = "unknownCard" | "notVisitDay" | "notOnBooking" | "notCleared";

export interface CardCheckedIn {
  studentId: number;
  fullName: string;
  /** Already checked in before this scan: nothing changed (a second scan is harmless). */
  already: boolean;
  checkedInAt: string;
}

/**
 * Checks in the student whose card was scanned (or whose code was typed) on this booking. Refused: a code that is no
 * card (forged, replaced), a day that is not the visit day, a student not listed on this booking, a student listed
 * but not cleared by a signed slip. A second scan changes nothing and is not audited again.
 */
export async function checkInByCard(
  db: DB,
  input: { bookingId: number; code: string; actor: { userId: number; ip: string }; now: string },
): Promise<Result<CardCheckedIn, CardCheckInRefusal>> {
  return inTransaction(db, async (trx) => {
    const card = await trx
      .selectFrom("student_cards as c")
      .innerJoin("users as u", "u.id", "c.student_id")
      .select(["u.id", "u.full_name"])
      .where("c.code", "=", input.code)
      .executeTakeFirst();
    if (!card) return refuse("unknownCard");
    const booking = await trx
      .selectFrom("tour_bookings as b")
      .innerJoin("tour_slots as s", "s.id", "b.slot_id")
      .select(["b.status", "s.starts_at"])
      .where("b.id", "=", input.bookingId)
      .executeTakeFirst();
    if (!booking || booking.status !== "confirmed" || isoToVnLocal(booking.starts_at).date !== isoToVnLocal(input.now).date) {
      return refuse("notVisitDay");
    }
    const row = await trx
      .selectFrom("tour_booking_students as bs")
      .leftJoin("permission_slips as ps", (j) => j.onRef("ps.booking_id", "=", "bs.booking_id").onRef("ps.student_id", "=", "bs.student_id"))
      .select(["bs.checked_in_at", "ps.status"])
      .where("bs.booking_id", "=", input.bookingId)
      .where("bs.student_id", "=", card.id)
      .executeTakeFirst();
    if (!row) return refuse("notOnBooking");
    if (row.status !== "yes") return refuse("notCleared", { params: { name: card.full_name } });
    if (row.checked_in_at) return ok({ studentId: card.id, fullName: card.full_name, already: true, checkedInAt: row.checked_in_at });
    // Conditional: of two scans at once, one checks in and the other finds it done.
    const done = await trx
      .updateTable("tour_booking_students")
      .set({ checked_in_at: input.now, checked_in_by: input.actor.userId })
      .where("booking_id", "=", input.bookingId)
      .where("student_id", "=", card.id)
      .where("checked_in_at", "is", null)
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) === 0) {
      const now = await trx
        .selectFrom("tour_booking_students")
        .select("checked_in_at")
        .where("booking_id", "=", input.bookingId)
        .where("student_id", "=", card.id)
        .executeTakeFirstOrThrow();
      return ok({ studentId: card.id, fullName: card.full_name, already: true, checkedInAt: now.checked_in_at ?? input.now });
    }
    await recordAudit(trx, {
      actor: input.actor,
      action: "slip.checkIn",
      subject: { type: "tour_booking", id: input.bookingId },
      details: { studentId: card.id, present: true, by: "card" },
      now: input.now,
    });
    return ok({ studentId: card.id, fullName: card.full_name, already: false, checkedInAt: input.now });
  });
}
