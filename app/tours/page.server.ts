// What the public tour page needs: the tour, its rules, the month's availability and, for school staff, the form's choices.
import type { SessionUser } from "~/auth/roles";
import type { Locale } from "~/i18n";
import type { DB } from "~/lib/db.server";
import { renderMarkdown } from "~/lib/markdown.server";
import { isoToVnLocal, nowIso } from "~/lib/time";
import { approvedSchoolsOf, listMyMemberships } from "~/schools/schools.server";
import { listTeachableClasses } from "./bookings.server";
import { monthGrid, monthRangeIso, shiftMonth } from "./rules";
import { getRatioRules, listBookableSlots, listSlots, type TourRow } from "./tours.server";

export type BookerState = "anonymous" | "notForRole" | "noSchool" | "pending" | "ready";

export async function loadTourPage(db: DB, tour: TourRow, opts: { month: string | null; user: SessionUser | null; locale: Locale }) {
  const now = nowIso();
  // Without a chosen month: the month of the next slot with room (e.g. late in a month with none left).
  const next = opts.month ? undefined : (await listBookableSlots(db, tour.id, now, 1))[0];
  const month = opts.month ?? isoToVnLocal(next?.starts_at ?? now).date.slice(0, 7);
  const [rules, monthSlots] = await Promise.all([getRatioRules(db, tour.id), listSlots(db, tour.id, monthRangeIso(month), { openOnly: true })]);

  const days: Record<string, { id: number; startsAt: string; left: number; past: boolean }[]> = {};
  for (const s of monthSlots) {
    const date = isoToVnLocal(s.starts_at).date;
    (days[date] ??= []).push({ id: s.id, startsAt: s.starts_at, left: s.capacity_students - s.held_students, past: s.starts_at <= now });
  }

  let booker: BookerState = "anonymous";
  let schools: { id: number; name: string }[] = [];
  let classes: { id: number; name: string; school_id: number; members: number }[] = [];
  let slots: { id: number; startsAt: string; left: number }[] = [];
  const user = opts.user;
  if (user) {
    if (user.role !== "teacher" && user.role !== "coordinator") booker = "notForRole";
    else {
      schools = await approvedSchoolsOf(db, user.id);
      if (schools.length === 0) {
        const memberships = await listMyMemberships(db, user.id);
        booker = memberships.some((m) => m.status === "pending") ? "pending" : "noSchool";
      } else {
        booker = "ready";
        const [cls, bookable] = await Promise.all([
          listTeachableClasses(db, user.id, schools.map((s) => s.id)),
          listBookableSlots(db, tour.id, now),
        ]);
        classes = cls.map((c) => ({ id: c.id, name: c.name, school_id: c.school_id, members: Number(c.members) }));
        slots = bookable.map((s) => ({ id: s.id, startsAt: s.starts_at, left: s.capacity_students - s.held_students }));
      }
    }
  }

  const en = opts.locale === "en";
  return {
    tour: {
      id: tour.id,
      slug: tour.slug,
      title: en && tour.title_en ? tour.title_en : tour.title_vi,
      summary: en && tour.summary_en ? tour.summary_en : tour.summary_vi,
      descriptionHtml: renderMarkdown(en && tour.description_en ? tour.description_en : tour.description_vi),
      activitiesHtml: renderMarkdown(en && tour.activities_en ? tour.activities_en : tour.activities_vi),
      gradeMin: tour.grade_min ?? 1,
      gradeMax: tour.grade_max ?? 12,
      feeVnd: tour.fee_vnd,
      durationMinutes: tour.duration_minutes,
      groupMin: tour.group_min,
      groupMax: tour.group_max,
      status: tour.status,
    },
    rules,
    calendar: { month, prev: shiftMonth(month, -1), next: shiftMonth(month, 1), weeks: monthGrid(month), days },
    booker,
    schools: schools.map((s) => ({ id: s.id, name: s.name })),
    classes,
    slots,
  };
}

export type TourPageData = Awaited<ReturnType<typeof loadTourPage>>;
