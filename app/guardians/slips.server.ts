// Permission slips (issue 16) for confirmed class tour bookings and, when the program asks for them, confirmed
// workshop registrations (`session-slips.server.ts` creates and voids those). One table, one signing path: a slip
// belongs to a booking (`booking_id`) or to a registration (`registration_id`), never both (migration 0024).
// Lifecycle, decided in ARCHITECTURE.md ("Guardians"):
// - confirming a class booking creates, in the same transaction, a `pending` slip for each participant whose data
//   may be shared (no consent needed, or given) and notifies their linked guardians;
// - a guardian (signed in) or anyone holding the single-use signing link the teacher printed answers yes or no
//   with an emergency phone, an optional medical note and their full name typed as the signature (NFC, trimmed,
//   stored and shown back exactly); time and address are recorded; a signed-in guardian may change the answer
//   until the visit, a printed link works once;
// - declining or cancelling the booking voids its slips and erases phones and notes; moving it to another slot
//   keeps the answers (the guardians are told the new date and may change them);
// - medical notes are erased the centre's retention period (default 30 days) after the visit (`purgeMedicalNotes`).
import { medicalRetentionDays } from "~/centre/centre.server";
import { localized } from "~/i18n/localized";
import type { Locale } from "#db/schema";
import { recordAudit } from "~/lib/audit.server";
import { inTransaction, type DB } from "~/lib/db.server";
import { ok, refuse, type Result } from "~/lib/result";
import { isoToVnLocal, vnYear } from "~/lib/time";
import { queueEmails } from "~/mail/outbox.server";
import { hashToken, newEmailToken } from "~/mail/tokens.server";
import { notifyMany, type NotificationInput } from "~/notifications/notifications.server";

type NotificationParams = NonNullable<NotificationInput["params"]>;
import { CONSENT_AGE } from "./consent.server";
import type { SlipRow } from "./views";

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{20,100}$/;

/** Guardians of these students (one query). */
async function guardiansOf(db: DB, studentIds: number[]) {
  if (!studentIds.length) return [];
  return db.selectFrom("guardian_links").select(["guardian_id", "student_id"]).where("student_id", "in", studentIds).execute();
}

/**
 * At confirmation (inside `changeBooking`'s transaction, after the participants were listed): one slip per listed
 * student whose data may be shared, and an in-app notice to their guardians. Harmless twice.
 */
export async function createSlipsForBooking(trx: DB, input: { bookingId: number; now: string }): Promise<void> {
  const adultBirthYear = vnYear(input.now) - CONSENT_AGE;
  await trx
    .insertInto("permission_slips")
    .columns(["booking_id", "student_id", "status", "created_at", "updated_at"])
    .expression((eb) =>
      eb
        .selectFrom("tour_booking_students as bs")
        .innerJoin("users as u", "u.id", "bs.student_id")
        .leftJoin("guardian_consents as c", "c.student_id", "u.id")
        .select((e) => [e.val(input.bookingId).as("booking_id"), "bs.student_id", e.val("pending").as("status"), e.val(input.now).as("created_at"), e.val(input.now).as("updated_at")])
        .where("bs.booking_id", "=", input.bookingId)
        .where((w) => w.or([w("c.status", "=", "given"), w("u.birth_year", "<=", adultBirthYear)])),
    )
    .onConflict((oc) => oc.columns(["booking_id", "student_id"]).doNothing())
    .execute();
  const slips = await trx.selectFrom("permission_slips").select(["id", "student_id"]).where("booking_id", "=", input.bookingId).where("status", "=", "pending").execute();
  await notifySlipGuardians(trx, { slips, messageKey: "notifications.slipWaiting", params: {}, now: input.now });
}

/** The booking was declined or cancelled: its slips are void, phones and notes erased, links dead. */
export async function voidSlipsForBooking(trx: DB, input: { bookingId: number; now: string }): Promise<number> {
  const r = await trx
    .updateTable("permission_slips")
    .set({ status: "void", emergency_phone: null, medical_note: null, token_hash: null, updated_at: input.now })
    .where("booking_id", "=", input.bookingId)
    .where("status", "!=", "void")
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** One in-app notice per guardian of each of these slips, linking to the slip. */
export async function notifySlipGuardians(
  trx: DB,
  input: { slips: { id: number; student_id: number }[]; messageKey: "notifications.slipWaiting" | "notifications.slipMoved" | "notifications.sessionSlipWaiting" | "notifications.sessionSlipMoved"; params: NotificationParams; now: string },
): Promise<void> {
  const links = await guardiansOf(trx, input.slips.map((s) => s.student_id));
  const slipOf = new Map(input.slips.map((s) => [s.student_id, s.id]));
  await notifyMany(trx, links.map((l) => ({ userId: l.guardian_id, messageKey: input.messageKey, params: input.params, link: `/guardian/slips/${slipOf.get(l.student_id)}` })), input.now);
}

/** The booking moved: answers stay; guardians of the slips are told (they may change their answer). */
export async function slipsBookingMoved(trx: DB, input: { bookingId: number; startsAt: string; now: string }): Promise<void> {
  const slips = await trx.selectFrom("permission_slips").select(["id", "student_id"]).where("booking_id", "=", input.bookingId).where("status", "!=", "void").execute();
  await notifySlipGuardians(trx, { slips, messageKey: "notifications.slipMoved", params: { when: input.startsAt }, now: input.now });
}

export type SlipWho = { kind: "guardian"; guardianId: number; slipId: number } | { kind: "token"; token: string };

/**
 * A slip with what it is for, whichever kind: the tour booking and its slot, or the workshop registration and its
 * session; the program of either. `visitOpen` and `visitTimes` read the two halves.
 */
export function slipsWithVisit(db: DB) {
  return db
    .selectFrom("permission_slips as ps")
    .leftJoin("tour_bookings as b", "b.id", "ps.booking_id")
    .leftJoin("tour_slots as s", "s.id", "b.slot_id")
    .leftJoin("workshop_registrations as r", "r.id", "ps.registration_id")
    .leftJoin("workshop_sessions as ws", "ws.id", "r.session_id")
    .innerJoin("programs as p", (j) => j.on((eb) => eb("p.id", "=", eb.fn.coalesce("b.program_id", "ws.program_id"))))
    .select(["s.starts_at as tour_starts_at", "s.ends_at as tour_ends_at", "ws.starts_at as session_starts_at", "ws.ends_at as session_ends_at", "p.title_vi", "p.title_en"]);
}

/** When the slip's visit (tour slot or workshop session) starts and ends. */
export function visitTimes(r: { tour_starts_at: string | null; tour_ends_at: string | null; session_starts_at: string | null; session_ends_at: string | null }) {
  return { startsAt: r.tour_starts_at ?? r.session_starts_at ?? "", endsAt: r.tour_ends_at ?? r.session_ends_at ?? "" };
}

/** Whether the slip's visit still stands: a confirmed booking, or a confirmed registration of a scheduled session. */
function visitStands(r: { booking_status: string | null; registration_status: string | null; session_status: string | null }): boolean {
  return r.booking_status === "confirmed" || (r.registration_status === "confirmed" && r.session_status === "scheduled");
}

function slipQuery(db: DB, who: SlipWho) {
  let q = slipsWithVisit(db)
    .innerJoin("users as u", "u.id", "ps.student_id")
    .leftJoin("classes as c", "c.id", "b.class_id")
    .select([
      "ps.id", "ps.status", "ps.emergency_phone", "ps.medical_note", "ps.signed_name", "ps.signed_at", "ps.signed_ip", "ps.signed_by", "ps.student_id",
      "b.status as booking_status", "b.notes", "b.reference", "r.status as registration_status", "ws.status as session_status", "ws.room",
      "p.fee_vnd", "p.summary_vi", "p.summary_en", "u.full_name as student_name", "c.name as class_name",
    ]);
  if (who.kind === "guardian") {
    q = q.innerJoin("guardian_links as l", (j) => j.onRef("l.student_id", "=", "ps.student_id").on("l.guardian_id", "=", who.guardianId)).where("ps.id", "=", who.slipId);
  } else {
    // The link works until the visit (token_expires_at is its start; `open` below checks the time).
    q = q.where("ps.token_hash", "=", hashToken(who.token));
  }
  return q;
}

/** What the signing page shows, or null (someone else's slip, a dead link). */
export async function loadSlip(db: DB, input: { who: SlipWho; locale: Locale; now: string }) {
  if (input.who.kind === "token" && !TOKEN_SHAPE.test(input.who.token)) return null;
  const r = await slipQuery(db, input.who).executeTakeFirst();
  if (!r) return null;
  const { startsAt, endsAt } = visitTimes(r);
  const open = r.status !== "void" && visitStands(r) && startsAt > input.now;
  const workshop = r.reference === null;
  return {
    id: r.id,
    /** "tour" (a class booking) or "workshop" (a registration for a session). */
    kind: workshop ? ("workshop" as const) : ("tour" as const),
    studentName: r.student_name,
    className: r.class_name,
    title: localized(r, "title", input.locale),
    reference: r.reference,
    startsAt,
    endsAt,
    /** The workshop session's room (tours: null). */
    room: r.room,
    feeVnd: r.fee_vnd,
    /** Tours: the booking teacher's note; workshops: the program's summary. */
    teacherNote: workshop ? localized(r, "summary", input.locale) || "" : (r.notes ?? ""),
    status: r.status,
    open,
    /** Days after the visit the medical note is kept (centre setting), for the form's hint. */
    retentionDays: await medicalRetentionDays(db),
    answer: r.signed_at ? { status: r.status, emergencyPhone: r.emergency_phone, medicalNote: r.medical_note, signedName: r.signed_name, signedAt: r.signed_at, signedIp: r.signed_ip } : null,
  };
}

export type SignRefusal = "notFound" | "closed";

export interface SignInput {
  who: SlipWho;
  answer: "yes" | "no";
  emergencyPhone: string;
  medicalNote: string;
  signedName: string;
  ip: string;
  now: string;
}

/** Records the answer. A printed link is used up by this one conditional update; a guardian may answer again until the visit. */
export async function signSlip(db: DB, input: SignInput): Promise<Result<{ slipId: number }, SignRefusal>> {
  if (input.who.kind === "token" && !TOKEN_SHAPE.test(input.who.token)) return refuse("notFound");
  return inTransaction(db, async (trx) => {
    const r = await slipQuery(trx, input.who).executeTakeFirst();
    if (!r) return refuse("notFound");
    if (r.status === "void" || !visitStands(r) || visitTimes(r).startsAt <= input.now) return refuse("closed");
    const signedName = input.signedName.normalize("NFC").trim();
    let q = trx
      .updateTable("permission_slips")
      .set({
        status: input.answer,
        emergency_phone: input.emergencyPhone,
        medical_note: input.medicalNote || null,
        signed_name: signedName,
        signed_at: input.now,
        signed_ip: input.ip.slice(0, 64),
        signed_by: input.who.kind === "guardian" ? input.who.guardianId : null,
        updated_at: input.now,
        ...(input.who.kind === "token" ? { token_hash: null, token_expires_at: null } : {}),
      })
      .where("id", "=", r.id)
      .where("status", "!=", "void");
    if (input.who.kind === "token") q = q.where("token_hash", "=", hashToken(input.who.token));
    const u = await q.executeTakeFirst();
    if (Number(u.numUpdatedRows) !== 1) return refuse("notFound");
    await recordAudit(trx, {
      actor: { userId: input.who.kind === "guardian" ? input.who.guardianId : null, ip: input.ip },
      action: "slip.signed",
      subject: { type: "permission_slip", id: r.id },
      details: { answer: input.answer, via: input.who.kind },
      now: input.now,
    });
    return ok({ slipId: r.id });
  });
}

export type { SlipRow };

/**
 * Whose slips a list, the signing links or the roster flags are about: a tour booking's participants, or the
 * confirmed registrations of a workshop session (for a teacher, only `studentIds`: their class's students).
 */
export type SlipSubject = { bookingId: number } | { sessionId: number; studentIds?: number[] };

/** The subject's participants, each with their slip if there is one (at most 1000, by name). */
function participantsWithSlips(db: DB, subject: SlipSubject) {
  const columns = ["u.id as studentId", "u.full_name", "u.name_key", "ps.id", "ps.status", "ps.emergency_phone", "ps.medical_note", "ps.signed_name", "ps.signed_at"] as const;
  if ("bookingId" in subject) {
    return db
      .selectFrom("tour_booking_students as bs")
      .innerJoin("users as u", "u.id", "bs.student_id")
      .leftJoin("permission_slips as ps", (j) => j.onRef("ps.booking_id", "=", "bs.booking_id").onRef("ps.student_id", "=", "bs.student_id"))
      .select(columns)
      .where("bs.booking_id", "=", subject.bookingId)
      .orderBy("u.name_key")
      .limit(1000)
      .execute();
  }
  let q = db
    .selectFrom("workshop_registrations as r")
    .innerJoin("users as u", "u.id", "r.user_id")
    .leftJoin("permission_slips as ps", "ps.registration_id", "r.id")
    .select(columns)
    .where("r.session_id", "=", subject.sessionId)
    .where("r.status", "=", "confirmed");
  if (subject.studentIds) q = q.where("r.user_id", "in", subject.studentIds.length ? subject.studentIds : [-1]);
  return q.orderBy("u.name_key").limit(1000).execute();
}

/**
 * The teacher's (or staff's) list of a booking or a session (the route checked the user may see it). Medical notes
 * only when `seesMedical` (`medicalNotesShown`: a teacher of the class, or staff on the day).
 */
export async function loadSlipList(db: DB, input: { subject: SlipSubject; seesMedical: boolean }) {
  const rows = await participantsWithSlips(db, input.subject);
  const links = await guardiansOf(db, rows.map((r) => r.studentId));
  const guardians = new Map<number, number>();
  for (const l of links) guardians.set(l.student_id, (guardians.get(l.student_id) ?? 0) + 1);
  const slips: SlipRow[] = rows.map((r) => ({
    id: r.id,
    studentId: r.studentId,
    studentName: r.full_name,
    status: r.status ?? "noConsent",
    emergencyPhone: r.emergency_phone,
    medicalNote: input.seesMedical ? r.medical_note : null,
    signedName: r.signed_name,
    signedAt: r.signed_at,
    guardians: guardians.get(r.studentId) ?? 0,
  }));
  const count = (s: SlipRow["status"]) => slips.filter((x) => x.status === s).length;
  return { slips, counts: { yes: count("yes"), no: count("no"), pending: count("pending"), noConsent: count("noConsent"), void: count("void") } };
}

/** The subject's unanswered slips whose visit still stands, with the student and the visit (signing links, reminders). */
function pendingSlipsOf(db: DB, subject: SlipSubject) {
  let q = slipsWithVisit(db)
    .innerJoin("users as u", "u.id", "ps.student_id")
    .select(["ps.id", "ps.student_id", "u.full_name", "u.name_key"])
    .where("ps.status", "=", "pending");
  if ("bookingId" in subject) {
    q = q.where("ps.booking_id", "=", subject.bookingId).where("b.status", "=", "confirmed");
  } else {
    q = q.where("r.session_id", "=", subject.sessionId).where("r.status", "=", "confirmed").where("ws.status", "=", "scheduled");
    if (subject.studentIds) q = q.where("ps.student_id", "in", subject.studentIds.length ? subject.studentIds : [-1]);
  }
  return q.orderBy("u.name_key").limit(1000).execute();
}

/**
 * Signing links for the subject's unanswered slips, to print with a QR code each. Printing again replaces the
 * links printed before (only the newest works); each works once and until the visit.
 */
export async function printSlipLinks(db: DB, input: { subject: SlipSubject; now: string }) {
  return inTransaction(db, async (trx) => {
    const rows = await pendingSlipsOf(trx, input.subject);
    const out: { studentName: string; token: string }[] = [];
    for (const r of rows) {
      const token = newEmailToken();
      await trx.updateTable("permission_slips").set({ token_hash: hashToken(token), token_expires_at: visitTimes(r).startsAt, updated_at: input.now }).where("id", "=", r.id).execute();
      out.push({ studentName: r.full_name, token });
    }
    return out;
  });
}

/** Reminds the guardians of unanswered slips: in-app and by e-mail (once per slip per day). */
export async function remindSlips(db: DB, input: { bookingId: number; now: string }): Promise<{ reminded: number }> {
  return inTransaction(db, async (trx) => {
    const slips = await pendingSlipsOf(trx, { bookingId: input.bookingId });
    const links = await guardiansOf(trx, slips.map((s) => s.student_id));
    const slipOf = new Map(slips.map((s) => [s.student_id, s]));
    const day = input.now.slice(0, 10);
    await notifyMany(trx, links.map((l) => ({ userId: l.guardian_id, messageKey: "notifications.slipReminder", params: { name: slipOf.get(l.student_id)!.full_name }, link: `/guardian/slips/${slipOf.get(l.student_id)!.id}` })), input.now);
    await queueEmails(
      trx,
      links.map((l) => {
        const s = slipOf.get(l.student_id)!;
        return {
          template: "slipReminder" as const,
          userId: l.guardian_id,
          params: { name: s.full_name, title: { vi: s.title_vi, en: s.title_en ?? s.title_vi }, startsAt: visitTimes(s).startsAt, link: `/guardian/slips/${s.id}` },
          dedupeKey: `slipReminder:${s.id}:${l.guardian_id}:${day}`,
          now: input.now,
        };
      }),
    );
    if (slips.length) await trx.updateTable("permission_slips").set({ reminded_at: input.now }).where("id", "in", slips.map((s) => s.id)).execute();
    return { reminded: links.length };
  });
}

export type SetCountRefusal = "notFound" | "noneSigned" | "slotFull";

/** Sets the booking's student count to the slips answered yes (seats held on the slot follow, capacity checked). */
export async function setCountFromSigned(db: DB, input: { bookingId: number; now: string }): Promise<Result<{ students: number }, SetCountRefusal>> {
  return inTransaction(db, async (trx) => {
    const b = await trx.selectFrom("tour_bookings").select(["id", "students", "slot_id", "status"]).where("id", "=", input.bookingId).executeTakeFirst();
    if (!b || b.status !== "confirmed") return refuse("notFound");
    const yes = await trx.selectFrom("permission_slips").select((eb) => eb.fn.countAll<number>().as("n")).where("booking_id", "=", b.id).where("status", "=", "yes").executeTakeFirstOrThrow();
    const n = Number(yes.n);
    if (n === 0) return refuse("noneSigned");
    const delta = n - b.students;
    if (delta !== 0) {
      const held = await trx
        .updateTable("tour_slots")
        .set((eb) => ({ held_students: eb("held_students", "+", delta) }))
        .where("id", "=", b.slot_id)
        .where((eb) => eb(eb("held_students", "+", delta), "<=", eb.ref("capacity_students")))
        .executeTakeFirst();
      if (Number(held.numUpdatedRows) !== 1) return refuse("slotFull");
      const u = await trx.updateTable("tour_bookings").set({ students: n, updated_at: input.now }).where("id", "=", b.id).where("students", "=", b.students).executeTakeFirst();
      if (Number(u.numUpdatedRows) !== 1) throw new Error("setCountFromSigned: booking changed meanwhile");
    }
    return ok({ students: n });
  });
}

/**
 * Erases medical notes of visits (tours and workshop sessions) that ended more than `days` ago (background job); by default the centre's
 * setting (`/admin/centre`, 1–365 days, 30 unless set).
 */
export async function purgeMedicalNotes(db: DB, input: { now: string; days?: number }): Promise<number> {
  const days = input.days ?? (await medicalRetentionDays(db));
  const cutoff = new Date(Date.parse(input.now) - days * 86400_000).toISOString();
  const ended = db
    .selectFrom("tour_bookings as b")
    .innerJoin("tour_slots as s", "s.id", "b.slot_id")
    .select("b.id")
    .where("s.ends_at", "<", cutoff);
  const endedSessions = db
    .selectFrom("workshop_registrations as r")
    .innerJoin("workshop_sessions as s", "s.id", "r.session_id")
    .select("r.id")
    .where("s.ends_at", "<", cutoff);
  const r = await db
    .updateTable("permission_slips")
    .set({ medical_note: null, medical_purged_at: input.now, updated_at: input.now })
    .where("medical_note", "is not", null)
    .where((eb) => eb.or([eb("booking_id", "in", ended), eb("registration_id", "in", endedSessions)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/**
 * Whether a user who manages the booking's slips (`seesMedicalNotes`) sees its medical notes now. The class's
 * teachers always do (they collect the slips and prepare the trip); centre staff only on the visit day (Vietnam
 * date of the slot, `now` from the caller) — before and after it the note is replaced by "shown on the visit day".
 */
export function medicalNotesShown(input: { staff: boolean; teachesClass: boolean; startsAt: string; now: string }): boolean {
  if (input.teachesClass) return true;
  return input.staff && isoToVnLocal(input.startsAt).date === isoToVnLocal(input.now).date;
}

/** For the slips page: whether the user manages the slips, and whether they see the medical notes now. */
export async function slipsAccess(db: DB, input: { bookingId: number; userId: number; staff: boolean; startsAt: string; now: string }) {
  const teachesClass = await teachesBookingClass(db, input);
  const manages = input.staff || teachesClass;
  return { manages, notesShown: manages && medicalNotesShown({ staff: input.staff, teachesClass, startsAt: input.startsAt, now: input.now }) };
}

/** Whether the user teaches the booking's class (owner or co-teacher). */
export async function teachesBookingClass(db: DB, input: { bookingId: number; userId: number }): Promise<boolean> {
  const row = await db
    .selectFrom("tour_bookings as b")
    .innerJoin("class_teachers as t", "t.class_id", "b.class_id")
    .select("b.id")
    .where("b.id", "=", input.bookingId)
    .where("t.teacher_id", "=", input.userId)
    .executeTakeFirst();
  return !!row;
}

/**
 * Who may see the booking's medical notes and manage its slips (remind, print links, set the count): staff, and
 * the teachers (owner and co-teachers) of the booking's class. Other members of the school see only the list.
 * Staff see the notes themselves only on the visit day (`medicalNotesShown`).
 */
export async function seesMedicalNotes(db: DB, input: { bookingId: number; userId: number; staff: boolean }): Promise<boolean> {
  if (input.staff) return true;
  return teachesBookingClass(db, input);
}

export interface SlipCounts {
  /** Students on the booking's participant list. */
  listed: number;
  /** Slips answered yes: cleared to travel. */
  cleared: number;
  /** Listed students without a yes (not answered, declined, or no slip for lack of consent). */
  missing: number;
}

/** Cleared counts of several bookings for the staff day sheet (two grouped queries). */
export async function slipCountsForBookings(db: DB, bookingIds: number[]): Promise<Map<number, SlipCounts>> {
  const out = new Map<number, SlipCounts>();
  if (!bookingIds.length) return out;
  const [listed, yes] = await Promise.all([
    db
      .selectFrom("tour_booking_students")
      .select(["booking_id", (eb) => eb.fn.countAll<number>().as("n")])
      .where("booking_id", "in", bookingIds)
      .groupBy("booking_id")
      .execute(),
    db
      .selectFrom("permission_slips")
      .select(["booking_id", (eb) => eb.fn.countAll<number>().as("n")])
      .where("booking_id", "in", bookingIds)
      .where("status", "=", "yes")
      .groupBy("booking_id")
      .execute(),
  ]);
  const yesOf = new Map(yes.map((r) => [r.booking_id, Number(r.n)]));
  for (const r of listed) {
    const cleared = yesOf.get(r.booking_id) ?? 0;
    out.set(r.booking_id, { listed: Number(r.n), cleared, missing: Math.max(0, Number(r.n) - cleared) });
  }
  return out;
}
