// What /workshops/:slug shows, and what its buttons do.
import { isStaff, type SessionUser } from "~/auth/roles";
import { getProgramBySlug, getProgramTopics } from "~/catalog/programs.server";
import type { DB } from "~/lib/db.server";
import { renderMarkdown } from "~/lib/markdown.server";
import { nowIso } from "~/lib/time";
import { checkEligibility } from "./eligibility";
import { canCancel } from "./registration.server";
import { listProgramSessions } from "./sessions.server";

export async function loadWorkshopPage(db: DB, slug: string, user: SessionUser | null, locale: "vi" | "en") {
  const program = await getProgramBySlug(db, slug, "workshop");
  if (!program || (program.status !== "published" && !isStaff(user))) return null;
  const now = nowIso();
  const [topics, sessions] = await Promise.all([
    getProgramTopics(db, program.id),
    listProgramSessions(db, program.id, { userId: user?.id, upcomingOnly: true, now }),
  ]);
  const description = locale === "en" ? program.description_en || program.description_vi : program.description_vi || program.description_en || "";
  const eligibility = user && user.role === "student" ? checkEligibility(program, { grade: user.grade, birthYear: user.birthYear }, Number(now.slice(0, 4))) : null;
  return {
    program: {
      id: program.id,
      slug: program.slug,
      status: program.status,
      title_vi: program.title_vi,
      title_en: program.title_en,
      summary_vi: program.summary_vi,
      summary_en: program.summary_en,
      grade_min: program.grade_min,
      grade_max: program.grade_max,
      age_min: program.age_min,
      age_max: program.age_max,
      fee_vnd: program.fee_vnd,
      cover_url: program.cover_url,
    },
    descriptionHtml: renderMarkdown(description),
    topics,
    eligibility,
    canRegister: user?.role === "student",
    isStaff: isStaff(user),
    signedIn: !!user,
    sessions: sessions.map((s) => ({
      id: s.id,
      room: s.room,
      capacity: s.capacity,
      seatsLeft: s.seatsLeft,
      waitlistCount: s.waitlistCount,
      instructorName: s.instructor_name,
      startsAt: s.starts_at,
      endsAt: s.ends_at,
      registrationOpensAt: s.registration_opens_at,
      registrationClosesAt: s.registration_closes_at,
      cancellationDeadline: s.cancellation_deadline,
      open:
        now < s.starts_at &&
        (!s.registration_opens_at || now >= s.registration_opens_at) &&
        (!s.registration_closes_at || now < s.registration_closes_at),
      meetings: s.meetings.map((m) => ({ id: m.id, startsAt: m.starts_at, endsAt: m.ends_at })),
      registration: s.registration
        ? {
            id: s.registration.id,
            status: s.registration.status,
            position: s.registration.waitlist_position,
            cancellable: canCancel(s.registration, s, now),
          }
        : null,
    })),
  };
}
export type WorkshopPageData = NonNullable<Awaited<ReturnType<typeof loadWorkshopPage>>>;
