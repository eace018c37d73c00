// What the public tour page needs: the tour, its rules, the month's availability and, for school staff, the form's choices.
import { isStaff, type SessionUser } from "~/auth/roles";
import type { Locale } from "~/i18n";
import { localized } from "~/i18n/localized";
import type { DB } from "~/lib/db.server";
import { isoToVnLocal } from "~/lib/time";
import { approvedSchoolsOf, hasPendingMembership } from "~/schools/schools.server";
import { listTeachableClasses } from "./bookings.server";
import { canSchoolCancelAt, monthGrid, monthRangeIso, schoolCancelDeadline, shiftMonth } from "./rules";
import { getRatioRules, getTourBySlug, listBookableSlots, listSlots, tourFacts, type TourRow } from "./tours.server";
import type { BookerState, CalendarView, TourPageView } from "./views";

export type { TourPageView };

/** A tour as this viewer may see it: drafts and archived tours are visible to staff only. */
export async function getVisibleTour(db: DB, slug: string, viewer: SessionUser | null): Promise<TourRow | null> {
  const tour = await getTourBySlug(db, slug);
  if (!tour) return null;
  return tour.status === "published" || (viewer !== null && isStaff(viewer)) ? tour : null;
}

export async function loadTourPage(db: DB, tour: TourRow, opts: { month: string | null; user: SessionUser | null; locale: Locale; now: string }): Promise<TourPageView> {
  const { now } = opts;
  // Without a chosen month: the month of the next slot with room (e.g. late in a month with none left).
  const next = opts.month ? undefined : (await listBookableSlots(db, tour.id, now, 1))[0];
  const month = opts.month ?? isoToVnLocal(next?.starts_at ?? now).date.slice(0, 7);
  const [rules, monthSlots] = await Promise.all([getRatioRules(db, tour.id), listSlots(db, tour.id, monthRangeIso(month), { openOnly: true })]);

  const days: CalendarView["days"] = {};
  for (const s of monthSlots) {
    const date = isoToVnLocal(s.starts_at).date;
    (days[date] ??= []).push({ id: s.id, startsAt: s.starts_at, left: s.capacity_students - s.held_students, past: s.starts_at <= now });
  }

  let booker: BookerState = "anonymous";
  let schools: TourPageView["schools"] = [];
  let classes: TourPageView["classes"] = [];
  let slots: TourPageView["slots"] = [];
  const user = opts.user;
  if (user) {
    if (user.role !== "teacher" && user.role !== "coordinator") booker = "notForRole";
    else {
      schools = (await approvedSchoolsOf(db, user.id)).map((s) => ({ id: s.id, name: s.name }));
      if (schools.length === 0) {
        booker = (await hasPendingMembership(db, user.id)) ? "pending" : "noSchool";
      } else {
        booker = "ready";
        const [cls, bookable] = await Promise.all([
          listTeachableClasses(db, user.id, schools.map((s) => s.id)),
          listBookableSlots(db, tour.id, now),
        ]);
        classes = cls.map((c) => ({ id: c.id, name: c.name, schoolId: c.school_id, members: Number(c.members) }));
        slots = bookable.map((s) => {
          const cancelBy = schoolCancelDeadline(s.starts_at, tour.cancel_days_before);
          return {
            id: s.id,
            startsAt: s.starts_at,
            endsAt: s.ends_at,
            left: s.capacity_students - s.held_students,
            cancelBy,
            cancelPassed: !canSchoolCancelAt(s.starts_at, tour.cancel_days_before, now),
          };
        });
      }
    }
  }

  return {
    tour: {
      id: tour.id,
      slug: tour.slug,
      title: localized(tour, "title", opts.locale),
      summary: localized(tour, "summary", opts.locale),
      descriptionHtml: localized(tour, "description_html", opts.locale),
      activitiesHtml: localized(tour, "activities_html", opts.locale),
      ...tourFacts(tour),
      cancelDaysBefore: tour.cancel_days_before,
    },
    rules,
    calendar: { month, prev: shiftMonth(month, -1), next: shiftMonth(month, 1), weeks: monthGrid(month), days },
    booker,
    schools,
    classes,
    slots,
  };
}
