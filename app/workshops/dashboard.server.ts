// The workshops panel of /dashboard: students see their upcoming sessions; staff see today's sessions (in Vietnam).
// Titles are in the user's language.
import type { RegistrationStatus } from "#db/schema";
import { isStaff, type SessionUser } from "~/auth/roles";
import { localized } from "~/i18n/localized";
import type { DB } from "~/lib/db.server";
import { addMinutes, isoToVnLocal, vnLocalToIso } from "~/lib/time";

export type WorkshopsDashboardData =
  | {
      kind: "student";
      sessions: { registrationId: number; slug: string; title: string; startsAt: string; room: string; status: RegistrationStatus; position: number | null }[];
    }
  | { kind: "staff"; sessions: { sessionId: number; title: string; startsAt: string; room: string; confirmed: number; capacity: number }[] }
  | null;

export async function loadWorkshopsDashboard(db: DB, user: Pick<SessionUser, "id" | "role" | "locale">, now: string): Promise<WorkshopsDashboardData> {
  if (user.role === "student") {
    const rows = await db
      .selectFrom("workshop_registrations as r")
      .innerJoin("workshop_sessions as s", "s.id", "r.session_id")
      .innerJoin("programs as p", "p.id", "s.program_id")
      .select(["r.id", "r.status", "r.waitlist_position", "s.starts_at", "s.room", "p.slug", "p.title_vi", "p.title_en"])
      .where("r.user_id", "=", user.id)
      .where("r.status", "in", ["confirmed", "waitlisted"])
      .where("s.ends_at", ">", now)
      .where("s.status", "=", "scheduled")
      .orderBy("s.starts_at")
      .limit(5)
      .execute();
    return {
      kind: "student",
      sessions: rows.map((r) => ({
        registrationId: r.id,
        slug: r.slug,
        title: localized(r, "title", user.locale),
        startsAt: r.starts_at,
        room: r.room,
        status: r.status,
        position: r.waitlist_position,
      })),
    };
  }
  if (isStaff(user)) {
    // Today in Vietnam: meetings starting between local midnight and the next.
    const startOfDay = vnLocalToIso(isoToVnLocal(now).date, "00:00");
    const endOfDay = addMinutes(startOfDay, 24 * 60);
    const rows = await db
      .selectFrom("workshop_meetings as m")
      .innerJoin("workshop_sessions as s", "s.id", "m.session_id")
      .innerJoin("programs as p", "p.id", "s.program_id")
      .select(["s.id", "m.starts_at", "s.room", "s.confirmed_count", "s.capacity", "p.title_vi", "p.title_en"])
      .where("m.starts_at", ">=", startOfDay)
      .where("m.starts_at", "<", endOfDay)
      .where("s.status", "=", "scheduled")
      .orderBy("m.starts_at")
      .limit(20)
      .execute();
    return {
      kind: "staff",
      sessions: rows.map((r) => ({
        sessionId: r.id,
        title: localized(r, "title", user.locale),
        startsAt: r.starts_at,
        room: r.room,
        confirmed: r.confirmed_count,
        capacity: r.capacity,
      })),
    };
  }
  return null;
}
