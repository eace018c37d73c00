// Every change of a booking after it was requested: one transaction each, guarded by the transition table,
// seats released or moved atomically, the booker notified.
import type { TourBookingStatus } from "#db/schema";
import { onTourBookingCompleted } from "~/certificates/hooks.server";
import { createSlipsForBooking, slipsBookingMoved, voidSlipsForBooking } from "~/guardians/slips.server";
import type { MessageKey } from "~/i18n";
import { inTransaction, type DB } from "~/lib/db.server";
import { ok, refuse, type Refusal, type Result } from "~/lib/result";
import { bilingual } from "~/i18n/localized";
import { queueEmail } from "~/mail/outbox.server";
import type { MailTemplate } from "~/mail/templates";
import { notify } from "~/notifications/notifications.server";
import { adjustParticipants, checkedInIds, keepCheckedIn, participantIds, snapshotParticipants } from "./participants.server";
import { canSchoolCancelAt, holdsSeats, transition, type BookingAction, type TransitionRefusal } from "./rules";

export type ChangeInput =
  | { action: "confirm"; message: string }
  | { action: "decline"; message: string }
  | { action: "cancelByStaff"; reason: string }
  | { action: "cancelBySchool"; reason: string }
  /**
   * `studentIds`: staff's adjusted list of the class's participants (who get its certificates); `ip` for the log.
   * Without it, when students were checked in on the visit day, the checked-in students are the participants and
   * their number the actual count (`actualStudents` is then ignored).
   */
  | { action: "complete"; actualStudents: number; studentIds?: number[]; ip?: string }
  | { action: "move"; slotId: number };

export type ChangeRefusal =
  | TransitionRefusal
  | "notFound"
  | "cancelDeadline"
  | "notYetVisited"
  | "sameSlot"
  | "slotOtherTour"
  | "slotCancelled"
  | "slotPast"
  | "slotFull";

export type ChangeResult = Result<{ status: TourBookingStatus }, ChangeRefusal>;

export interface Actor {
  userId: number;
  kind: "staff" | "school";
  /** For a school actor: schools where they are an approved member, and those they coordinate. */
  schoolIds?: number[];
  coordinatorOf?: number[];
}

/** The e-mail each change sends the booker (templates in app/mail/templates.ts). */
const MAIL_TEMPLATE: Partial<Record<BookingAction, MailTemplate>> = {
  confirm: "tourConfirmed",
  decline: "tourDeclined",
  cancelByStaff: "tourCancelled",
  move: "tourMoved",
};

const NOTIFY_KEY: Record<BookingAction, MessageKey> = {
  confirm: "tours.notify.confirmed",
  decline: "tours.notify.declined",
  cancelByStaff: "tours.notify.cancelledByStaff",
  cancelBySchool: "tours.notify.cancelledBySchool",
  complete: "tours.notify.completed",
  move: "tours.notify.moved",
};

async function releaseSeats(trx: DB, slotId: number, seats: number) {
  await trx
    .updateTable("tour_slots")
    .set((eb) => ({ held_students: eb("held_students", "-", seats) }))
    .where("id", "=", slotId)
    .execute();
}

/** Thrown to roll back a transaction that already changed something, carrying the refusal. */
class Rollback extends Error {
  constructor(readonly refusal: Refusal<ChangeRefusal>) {
    super("rollback");
  }
}

/** One change of a booking by staff or by its school, at `now`. A school actor only finds its schools' bookings. */
export async function changeBooking(db: DB, input: { bookingId: number; actor: Actor; change: ChangeInput; now: string }): Promise<ChangeResult> {
  try {
    return await runChange(db, input.bookingId, input.actor, input.change, input.now);
  } catch (e) {
    // Inside a caller's transaction the partial change can only be undone by the caller: let it roll back.
    if (e instanceof Rollback && !db.isTransaction) return e.refusal;
    throw e;
  }
}

function runChange(db: DB, bookingId: number, actor: Actor, input: ChangeInput, now: string): Promise<ChangeResult> {
  return inTransaction(db, async (trx): Promise<ChangeResult> => {
    let q = trx
      .selectFrom("tour_bookings as b")
      .innerJoin("tour_slots as s", "s.id", "b.slot_id")
      .innerJoin("tours as t", "t.program_id", "b.program_id")
      .innerJoin("programs as p", "p.id", "b.program_id")
      .select(["b.id", "b.status", "b.slot_id", "b.program_id", "b.school_id", "b.booked_by", "b.students", "b.class_id", "b.reference", "s.starts_at", "t.cancel_days_before", "p.title_vi", "p.title_en"])
      .where("b.id", "=", bookingId);
    // Scoped by the actor's schools: another school's booking is simply not found.
    if (actor.kind === "school") q = q.where("b.school_id", "in", actor.schoolIds?.length ? actor.schoolIds : [-1]);
    const b = await q.executeTakeFirst();
    if (!b) return refuse("notFound");

    const t = transition(b.status, input.action, actor.kind);
    if (!t.ok) return t;
    const next = t.value;

    const set: Record<string, unknown> = { status: next, updated_at: now };
    const params: Record<string, string | number> = { reference: b.reference };
    switch (input.action) {
      case "confirm":
      case "decline":
        set.staff_message = input.message || null;
        set.decided_at = now;
        if (input.message) params.message = input.message;
        break;
      case "cancelBySchool":
        if (b.booked_by !== actor.userId && !actor.coordinatorOf?.includes(b.school_id)) return refuse("notAllowed");
        if (!canSchoolCancelAt(b.starts_at, b.cancel_days_before, now)) return refuse("cancelDeadline");
        set.cancel_reason = input.reason || null;
        break;
      case "cancelByStaff":
        set.cancel_reason = input.reason;
        params.message = input.reason;
        break;
      case "complete": {
        if (b.starts_at > now) return refuse("notYetVisited");
        // A check-in took place and staff gave no list of their own: the checked-in students are the count.
        const present = b.class_id !== null && !(input.studentIds && actor.kind === "staff") ? (await checkedInIds(trx, { bookingId: b.id })).length : 0;
        set.actual_students = present > 0 ? present : input.actualStudents;
        set.completed_at = now;
        break;
      }
      case "move": {
        if (input.slotId === b.slot_id) return refuse("sameSlot");
        const target = await trx.selectFrom("tour_slots").select(["id", "program_id", "status", "starts_at"]).where("id", "=", input.slotId).executeTakeFirst();
        if (!target || target.program_id !== b.program_id) return refuse("slotOtherTour");
        if (target.status !== "open") return refuse("slotCancelled");
        if (target.starts_at <= now) return refuse("slotPast");
        const held = await trx
          .updateTable("tour_slots")
          .set((eb) => ({ held_students: eb("held_students", "+", b.students) }))
          .where("id", "=", target.id)
          .where("status", "=", "open")
          .where((eb) => eb(eb("held_students", "+", b.students), "<=", eb.ref("capacity_students")))
          .executeTakeFirst();
        if (Number(held.numUpdatedRows) !== 1) return refuse("slotFull");
        await releaseSeats(trx, b.slot_id, b.students);
        set.slot_id = target.id;
        // Stored as ISO: the notification list formats it in the reader's language.
        params.when = target.starts_at;
        break;
      }
    }

    // Guarded by the status read above, so two staff deciding at once cannot both win.
    const updated = await trx
      .updateTable("tour_bookings")
      .set(set)
      .where("id", "=", b.id)
      .where("status", "=", b.status)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new Rollback(refuse("illegalTransition"));

    if (holdsSeats(b.status) && !holdsSeats(next)) await releaseSeats(trx, b.slot_id, b.students);
    // The class's students when the booking is confirmed are its participants (certificates go to them).
    if (input.action === "confirm" && b.class_id !== null) {
      await snapshotParticipants(trx, { bookingId: b.id, classId: b.class_id, now });
      // Permission slips for the participants whose data may be shared (app/guardians/slips.server.ts).
      await createSlipsForBooking(trx, { bookingId: b.id, now });
    }
    if (input.action === "decline" || input.action === "cancelByStaff" || input.action === "cancelBySchool") await voidSlipsForBooking(trx, { bookingId: b.id, now });
    if (input.action === "move" && typeof params.when === "string") await slipsBookingMoved(trx, { bookingId: b.id, startsAt: params.when, now });
    if (input.action === "complete" && b.class_id !== null) {
      if (input.studentIds && actor.kind === "staff") {
        await adjustParticipants(trx, { bookingId: b.id, classId: b.class_id, studentIds: input.studentIds, actor: { userId: actor.userId, ip: input.ip ?? "" }, now });
      } else if ((await checkedInIds(trx, { bookingId: b.id })).length > 0) {
        // Checked in on the visit day: those not checked in did not come and get no certificate.
        await keepCheckedIn(trx, { bookingId: b.id });
      } else if ((await participantIds(trx, { bookingId: b.id })).length === 0) {
        // Confirmed before participant lists existed: the class's students now, as it used to be.
        await snapshotParticipants(trx, { bookingId: b.id, classId: b.class_id, now });
      }
      await onTourBookingCompleted(trx, { bookingId: b.id, now });
    }
    if (b.booked_by !== null && b.booked_by !== actor.userId) {
      await notify(trx, { userId: b.booked_by, messageKey: NOTIFY_KEY[input.action], params, link: `/bookings/${b.id}` });
      const template = MAIL_TEMPLATE[input.action];
      if (template) {
        await queueEmail(trx, {
          template,
          userId: b.booked_by,
          params: { reference: b.reference, title: bilingual(b, "title"), startsAt: typeof params.when === "string" ? params.when : b.starts_at, link: `/bookings/${b.id}` },
          now,
        });
      }
    }
    return ok({ status: next });
  });
}

/** The staff booking page's forms, as the change they ask for. */
export type StaffBookingForm =
  | { intent: "confirm" | "decline"; message: string }
  | { intent: "cancel"; reason: string }
  | { intent: "complete"; actualStudents: number; participants?: "1"; studentIds?: number[] }
  | { intent: "move"; slotId: number };

export function staffChange(form: StaffBookingForm, ip?: string): ChangeInput {
  switch (form.intent) {
    case "confirm":
    case "decline":
      return { action: form.intent, message: form.message };
    case "cancel":
      return { action: "cancelByStaff", reason: form.reason };
    case "complete":
      // The form shows the list only for a class booking (`participants`): then unticking everyone means nobody.
      return { action: "complete", actualStudents: form.actualStudents, studentIds: form.participants ? (form.studentIds ?? []) : undefined, ip };
    case "move":
      return { action: "move", slotId: form.slotId };
  }
}

/** Cancelling from the booking page: staff cancel for the centre (a reason is always stored), a school for itself. */
export function cancelBooking(db: DB, input: { bookingId: number; actor: Actor; reason: string; now: string }): Promise<ChangeResult> {
  const change: ChangeInput =
    input.actor.kind === "staff" ? { action: "cancelByStaff", reason: input.reason || "—" } : { action: "cancelBySchool", reason: input.reason };
  return changeBooking(db, { bookingId: input.bookingId, actor: input.actor, change, now: input.now });
}
