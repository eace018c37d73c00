// What a student sees after registering (and whenever they open /registrations/:id): the session's meetings,
// the place with the centre's address and a map link, what to bring, how to pay a paid workshop, and the
// calendar file. Only the registration's owner sees it (null otherwise: the route answers 404).
import { getCentre } from "~/centre/centre.server";
import type { Locale } from "~/i18n";
import { localized } from "~/i18n/localized";
import type { DB } from "~/lib/db.server";
import { canCancel } from "./rules";

export async function loadRegistrationConfirmation(db: DB, input: { registrationId: number; userId: number; locale: Locale; now: string }) {
  const reg = await db
    .selectFrom("workshop_registrations as r")
    .innerJoin("workshop_sessions as s", "s.id", "r.session_id")
    .innerJoin("programs as p", "p.id", "s.program_id")
    .select([
      "r.id",
      "r.status",
      "r.waitlist_position",
      "s.id as session_id",
      "s.room",
      "s.starts_at",
      "s.cancellation_deadline",
      "s.status as session_status",
      "p.slug",
      "p.title_vi",
      "p.title_en",
      "p.fee_vnd",
    ])
    .where("r.id", "=", input.registrationId)
    .where("r.user_id", "=", input.userId)
    .executeTakeFirst();
  if (!reg) return null;
  const [meetings, centre] = await Promise.all([
    db
      .selectFrom("workshop_meetings")
      .select(["starts_at", "ends_at"])
      .where("session_id", "=", reg.session_id)
      .orderBy("starts_at")
      .limit(50)
      .execute(),
    getCentre(db, input.locale),
  ]);
  const active = reg.status === "confirmed" || reg.status === "waitlisted";
  return {
    registration: {
      id: reg.id,
      status: reg.status,
      position: reg.waitlist_position,
      cancellable:
        active && reg.session_status === "scheduled" && canCancel(reg.status, { startsAt: reg.starts_at, cancellationDeadline: reg.cancellation_deadline }, input.now),
    },
    program: { slug: reg.slug, title: localized(reg, "title", input.locale), feeVnd: reg.fee_vnd },
    session: { id: reg.session_id, room: reg.room, cancelled: reg.session_status === "cancelled" },
    meetings: meetings.map((m) => ({ startsAt: m.starts_at, endsAt: m.ends_at })),
    centre,
    /** The transfer note that lets the desk match a payment to this registration. */
    paymentReference: `STEMHUB R${reg.id}`,
  };
}
export type RegistrationConfirmation = NonNullable<Awaited<ReturnType<typeof loadRegistrationConfirmation>>>;
