// Tables of the tours capability (db/migrations/0005_tours.ts).
import type { Generated, Selectable } from "kysely";

export type TourBookingStatus = "requested" | "confirmed" | "declined" | "cancelled" | "completed";

export interface ToursTable {
  program_id: number;
  duration_minutes: Generated<number>;
  activities_vi: Generated<string>;
  activities_en: string | null;
  /** Sanitised HTML of activities_vi / _en, rendered when saved. */
  activities_html_vi: Generated<string>;
  activities_html_en: string | null;
  group_min: Generated<number>;
  group_max: Generated<number>;
  cancel_days_before: Generated<number>;
  /** 0/1: completing a booking linked to a class may lead to participation certificates. */
  participation_certificates: Generated<number>;
}

export interface TourRatioRulesTable {
  id: Generated<number>;
  program_id: number;
  grade_min: number;
  grade_max: number;
  students_per_adult: number;
}

export interface TourSlotsTable {
  id: Generated<number>;
  program_id: number;
  starts_at: string;
  ends_at: string;
  capacity_students: number;
  held_students: Generated<number>;
  status: Generated<"open" | "cancelled">;
  created_at: string;
}

export interface TourBookingsTable {
  id: Generated<number>;
  reference: string;
  slot_id: number;
  program_id: number;
  school_id: number;
  booked_by: number | null;
  class_id: number | null;
  students: number;
  grade_min: number;
  grade_max: number;
  adults: number;
  contact_name: string;
  contact_phone: string;
  accessibility_needs: Generated<string>;
  notes: Generated<string>;
  status: Generated<TourBookingStatus>;
  staff_message: string | null;
  cancel_reason: string | null;
  actual_students: number | null;
  created_at: string;
  updated_at: string;
  decided_at: string | null;
  completed_at: string | null;
}

export interface TourReferenceCountersTable {
  scope: string;
  last_value: Generated<number>;
}

/** The class's students when the booking was confirmed: who gets its participation certificates. */
export interface TourBookingStudentsTable {
  booking_id: number;
  student_id: number;
  created_at: string;
  /** Day-of check-in (migration 0021): when and by whom. */
  checked_in_at: Generated<string | null>;
  checked_in_by: Generated<number | null>;
}

export interface ToursTables {
  tours: ToursTable;
  tour_ratio_rules: TourRatioRulesTable;
  tour_slots: TourSlotsTable;
  tour_bookings: TourBookingsTable;
  tour_reference_counters: TourReferenceCountersTable;
  tour_booking_students: TourBookingStudentsTable;
}

export type TourSlotRow = Selectable<TourSlotsTable>;
export type TourBookingRow = Selectable<TourBookingsTable>;
