// The shapes the tours pages receive (built by the tours read functions, already in the reader's language).
// Types only: safe for components.
import type { TourBookingStatus } from "#db/schema";
import type { RatioRule } from "./rules";

/** A row of a list of bookings. */
export interface BookingListItem {
  id: number;
  reference: string;
  status: TourBookingStatus;
  students: number;
  adults: number;
  createdAt: string;
  startsAt: string;
  endsAt: string;
  title: string;
  slug: string;
  schoolName: string;
}

/** A row of the staff lists, with what staff decide on. */
export interface StaffBookingListItem extends BookingListItem {
  gradeMin: number;
  gradeMax: number;
  contactName: string;
  contactPhone: string;
}

/** The group a booking brings: who, how many, how to reach them, what they need. */
export interface BookingGroup {
  students: number;
  gradeMin: number;
  gradeMax: number;
  adults: number;
  contactName: string;
  contactPhone: string;
  accessibilityNeeds: string;
  notes: string;
}

/** The facts of one booking, shown to the school and to staff. */
export interface BookingView extends BookingGroup {
  id: number;
  reference: string;
  status: TourBookingStatus;
  title: string;
  startsAt: string;
  endsAt: string;
  schoolName: string;
  className: string | null;
  bookerName: string | null;
  staffMessage: string | null;
  cancelReason: string | null;
  actualStudents: number | null;
  feeVnd: number;
}

/** A slot offered in a choice (booking form, moving a booking). */
export interface SlotChoice {
  id: number;
  startsAt: string;
  left: number;
}

/** A slot on the booking form: when it ends, and whether the school's own cancellation deadline has passed. */
export interface BookableSlot extends SlotChoice {
  endsAt: string;
  /** The last instant the school may cancel a booking of this slot itself (tour's days before the start). */
  cancelBy: string;
  cancelPassed: boolean;
}

export interface DaySheetBooking extends BookingGroup {
  id: number;
  reference: string;
  status: TourBookingStatus;
  schoolName: string;
  /** Permission slips of a class booking's participants (null: no participant list). */
  slips: { listed: number; cleared: number; missing: number } | null;
}

export interface DaySheetSlot {
  id: number;
  startsAt: string;
  endsAt: string;
  capacity: number;
  held: number;
  title: string;
  bookings: DaySheetBooking[];
}

export type BookerState = "anonymous" | "notForRole" | "noSchool" | "pending" | "ready";

export interface CalendarView {
  month: string;
  prev: string;
  next: string;
  weeks: (string | null)[][];
  days: Record<string, { id: number; startsAt: string; left: number; past: boolean }[]>;
}

/** The public page of a tour, with the booking form's choices for a school member. */
export interface TourPageView {
  tour: {
    id: number;
    slug: string;
    title: string;
    summary: string;
    descriptionHtml: string;
    activitiesHtml: string;
    gradeMin: number;
    gradeMax: number;
    feeVnd: number;
    durationMinutes: number;
    groupMin: number;
    groupMax: number;
    cancelDaysBefore: number;
  };
  rules: RatioRule[];
  calendar: CalendarView;
  booker: BookerState;
  schools: { id: number; name: string }[];
  classes: { id: number; name: string; schoolId: number; members: number }[];
  slots: BookableSlot[];
}

export type ToursDashboardData =
  | null
  | { kind: "staff"; requested: number; today: string }
  | {
      kind: "school";
      hasSchool: boolean;
      pending: boolean;
      upcoming: { id: number; reference: string; status: TourBookingStatus; startsAt: string; title: string; students: number }[];
    };
