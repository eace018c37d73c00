// What /workshops/:slug shows: the program in the reader's language, its upcoming sessions with what the viewer
// may do on each. The same pure rules (rules.ts) decide the buttons here and the answers in registration.server.ts.
import { isStaff, type SessionUser } from "~/auth/roles";
import { getProgramBySlug, getProgramTopics, topicLabels } from "~/catalog/programs.server";
import type { Locale } from "~/i18n";
import { localized } from "~/i18n/localized";
import type { DB } from "~/lib/db.server";
import { vnYear } from "~/lib/time";
import { checkEligibility } from "./eligibility";
import { canCancel, mayRegister, registrationWindow } from "./rules";
import { listProgramSessions } from "./sessions.server";

export type WorkshopViewer = Pick<SessionUser, "id" | "role" | "grade" | "birthYear">;

/** The page, or null when there is no such workshop (or it is not published and the viewer is not staff). */
export async function loadWorkshopPage(db: DB, input: { slug: string; user: WorkshopViewer | null; locale: Locale; now: string }) {
  const { user, locale, now } = input;
  const program = await getProgramBySlug(db, input.slug, "workshop");
  if (!program || (program.status !== "published" && !isStaff(user))) return null;
  const [topics, sessions] = await Promise.all([
    getProgramTopics(db, program.id).then((topics) => topicLabels(db, topics, locale)),
    listProgramSessions(db, program.id, { userId: user?.id, upcomingOnly: true, now }),
  ]);
  const eligibility =
    user && mayRegister(user) ? checkEligibility(program, { grade: user.grade, birthYear: user.birthYear }, vnYear(now)) : null;
  return {
    program: {
      id: program.id,
      slug: program.slug,
      status: program.status,
      title: localized(program, "title", locale),
      summary: localized(program, "summary", locale),
      gradeMin: program.grade_min,
      gradeMax: program.grade_max,
      ageMin: program.age_min,
      ageMax: program.age_max,
      feeVnd: program.fee_vnd,
      coverUrl: program.cover_url,
    },
    descriptionHtml: localized(program, "description_html", locale),
    topics,
    eligibility,
    canRegister: mayRegister(user),
    isStaff: isStaff(user),
    signedIn: !!user,
    sessions: sessions.map((s) => ({
      ...s,
      open: registrationWindow(s, now) === "open",
      registration: s.registration ? { ...s.registration, cancellable: canCancel(s.registration.status, s, now) } : null,
    })),
  };
}
export type WorkshopPageData = NonNullable<Awaited<ReturnType<typeof loadWorkshopPage>>>;
