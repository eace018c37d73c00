// The guardian's page (/guardian): for each linked child, upcoming workshops and tours, course progress,
// certificates (read-only) and permission slips waiting for an answer. A fixed number of queries for all children
// together (no query per child). A guardian may cancel a child's workshop registration before its deadline: the
// workshops capability's own `cancelRegistration`, called for the child after the link is checked.
import type { Locale } from "#db/schema";
import { getCourseProgressForUsers } from "~/courses/progress.server";
import { localized } from "~/i18n/localized";
import type { DB } from "~/lib/db.server";
import { refuse, type Result } from "~/lib/result";
import { cancelRegistration, type CancelRefusal } from "~/workshops/registration.server";
import { canCancel } from "~/workshops/rules";
import { consentNeeded } from "./consent.server";
import { childrenOf } from "./links.server";
import { slipsWithVisit, visitTimes } from "./slips.server";

export async function loadGuardianDashboard(db: DB, input: { guardianId: number; locale: Locale; now: string }) {
  const { locale, now } = input;
  const children = await childrenOf(db, input.guardianId);
  const ids = children.map((c) => c.id);
  if (!ids.length) return { children: [] };
  const [registrations, tours, enrolments, certificates, slips, consents] = await Promise.all([
    db
      .selectFrom("workshop_registrations as r")
      .innerJoin("workshop_sessions as s", "s.id", "r.session_id")
      .innerJoin("programs as p", "p.id", "s.program_id")
      .select(["r.id", "r.user_id", "r.status", "r.waitlist_position", "s.starts_at", "s.cancellation_deadline", "s.room", "p.slug", "p.title_vi", "p.title_en"])
      .where("r.user_id", "in", ids)
      .where("r.status", "in", ["confirmed", "waitlisted"])
      .where("s.ends_at", ">", now)
      .where("s.status", "=", "scheduled")
      .orderBy("s.starts_at")
      .limit(100)
      .execute(),
    db
      .selectFrom("tour_booking_students as bs")
      .innerJoin("tour_bookings as b", "b.id", "bs.booking_id")
      .innerJoin("tour_slots as s", "s.id", "b.slot_id")
      .innerJoin("programs as p", "p.id", "b.program_id")
      .select(["bs.student_id", "b.id", "s.starts_at", "p.slug", "p.title_vi", "p.title_en"])
      .where("bs.student_id", "in", ids)
      .where("b.status", "=", "confirmed")
      .where("s.starts_at", ">", now)
      .orderBy("s.starts_at")
      .limit(100)
      .execute(),
    db
      .selectFrom("enrolments as e")
      .innerJoin("programs as p", "p.id", "e.program_id")
      .select(["e.user_id", "p.id", "p.title_vi", "p.title_en"])
      .where("e.user_id", "in", ids)
      .where("e.status", "=", "active")
      .where("p.status", "!=", "archived")
      .orderBy("e.last_activity_at", "desc")
      .limit(200)
      .execute(),
    db
      .selectFrom("certificates")
      .select(["id", "user_id", "serial", "program_title_vi", "program_title_en", "issued_at", "status"])
      .where("user_id", "in", ids)
      .where("status", "=", "valid")
      .orderBy("issued_at", "desc")
      .limit(200)
      .execute(),
    // Tour and workshop-session slips alike (`slipsWithVisit`).
    slipsWithVisit(db)
      .select(["ps.id", "ps.student_id", "ps.status", "ps.registration_id"])
      .where("ps.student_id", "in", ids)
      .where("ps.status", "!=", "void")
      .where((eb) => eb.or([eb("s.starts_at", ">", now), eb("ws.starts_at", ">", now)]))
      .orderBy((eb) => eb.fn.coalesce("s.starts_at", "ws.starts_at"))
      .limit(100)
      .execute(),
    db.selectFrom("guardian_consents").select(["student_id", "status", "given_at", "withdrawn_at"]).where("student_id", "in", ids).execute(),
  ]);
  const progress = await getCourseProgressForUsers(db, { programIds: enrolments.map((e) => e.id), userIds: ids });
  const percent = new Map(progress.map((p) => [`${p.userId}:${p.programId}`, p.percent]));
  const consentOf = new Map(consents.map((c) => [c.student_id, c]));
  return {
    children: children.map((c) => {
      const consent = consentOf.get(c.id);
      return {
        id: c.id,
        fullName: c.fullName,
        consentNeeded: consentNeeded(c.birthYear, now),
        consent: consent ? { status: consent.status, givenAt: consent.given_at, withdrawnAt: consent.withdrawn_at } : null,
        workshops: registrations
          .filter((r) => r.user_id === c.id)
          .map((r) => ({
            registrationId: r.id,
            slug: r.slug,
            title: localized(r, "title", locale),
            startsAt: r.starts_at,
            room: r.room,
            status: r.status,
            position: r.waitlist_position,
            canCancel: canCancel(r.status, { startsAt: r.starts_at, cancellationDeadline: r.cancellation_deadline }, now),
          })),
        tours: tours.filter((t) => t.student_id === c.id).map((t) => ({ bookingId: t.id, slug: t.slug, title: localized(t, "title", locale), startsAt: t.starts_at })),
        courses: enrolments
          .filter((e) => e.user_id === c.id)
          .map((e) => ({ programId: e.id, title: localized(e, "title", locale), percent: percent.get(`${c.id}:${e.id}`) ?? 0 })),
        certificates: certificates
          .filter((x) => x.user_id === c.id)
          .map((x) => ({ id: x.id, serial: x.serial, title: localized(x, "program_title", locale), issuedAt: x.issued_at })),
        slips: slips
          .filter((s) => s.student_id === c.id)
          .map((s) => ({ id: s.id, status: s.status, kind: s.registration_id === null ? ("tour" as const) : ("workshop" as const), title: localized(s, "title", locale), startsAt: visitTimes(s).startsAt })),
      };
    }),
  };
}

export type GuardianCancelRefusal = CancelRefusal;

/** Cancels a linked child's workshop registration (the workshops rules decide the deadline). Others: notFound. */
export async function cancelChildRegistration(
  db: DB,
  input: { guardianId: number; registrationId: number; now: string },
): Promise<Result<{ promoted: number[] }, GuardianCancelRefusal>> {
  const row = await db
    .selectFrom("workshop_registrations as r")
    .innerJoin("guardian_links as l", "l.student_id", "r.user_id")
    .select("r.user_id")
    .where("r.id", "=", input.registrationId)
    .where("l.guardian_id", "=", input.guardianId)
    .executeTakeFirst();
  if (!row) return refuse("notFound");
  return cancelRegistration(db, { registrationId: input.registrationId, userId: row.user_id, now: input.now });
}
