// Tables of the lab capability (db/migrations/0013_lab.ts).
import type { Generated, Selectable } from "kysely";

export type LabResourceKind = "machine" | "room";
export type LabBookingStatus = "booked" | "cancelled" | "checked_in" | "no_show";
export type LabCancelReason = "user" | "outage" | "credential" | "staff";
export type LabRoomRequestStatus = "requested" | "approved" | "declined" | "cancelled";

export interface LabResourcesTable {
  id: Generated<number>;
  slug: string;
  kind: LabResourceKind;
  name_vi: string;
  name_en: string | null;
  description_vi: Generated<string>;
  description_en: string | null;
  location: Generated<string>;
  photo_path: string | null;
  capacity: Generated<number>;
  slot_minutes: Generated<number>;
  max_slots_per_booking: Generated<number>;
  max_hours_per_week: number | null;
  min_grade: number | null;
  min_age: number | null;
  no_show_penalty: Generated<number>;
  status: Generated<"active" | "archived">;
  created_at: string;
  updated_at: string;
}

export interface LabResourceCredentialsTable {
  resource_id: number;
  program_id: number;
}

export interface LabOpeningHoursTable {
  id: Generated<number>;
  resource_id: number;
  weekday: number;
  opens_at: string;
  closes_at: string;
}

export interface LabClosedDatesTable {
  id: Generated<number>;
  resource_id: number | null;
  date: string;
  reason: Generated<string>;
  created_at: string;
}

export interface LabOutagesTable {
  id: Generated<number>;
  resource_id: number;
  starts_at: string;
  ends_at: string;
  reason: string;
  created_by: number | null;
  created_at: string;
}

export interface LabBookingsTable {
  id: Generated<number>;
  resource_id: number;
  user_id: number;
  starts_at: string;
  ends_at: string;
  slots: number;
  week_start: string;
  status: Generated<LabBookingStatus>;
  cancel_reason: LabCancelReason | null;
  note: Generated<string>;
  created_at: string;
  updated_at: string;
  cancelled_at: string | null;
  checked_in_at: string | null;
}

export interface LabSlotHoldsTable {
  resource_id: number;
  starts_at: string;
  taken: Generated<number>;
}

export interface LabQuotaUsageTable {
  resource_id: number;
  user_id: number;
  week_start: string;
  minutes: Generated<number>;
}

export interface LabRoomRequestsTable {
  id: Generated<number>;
  resource_id: number;
  requested_by: number;
  school_id: number | null;
  organisation: string;
  starts_at: string;
  ends_at: string;
  purpose: string;
  attendance: number;
  status: Generated<LabRoomRequestStatus>;
  staff_message: string | null;
  decided_by: number | null;
  created_at: string;
  decided_at: string | null;
}

export interface LabTables {
  lab_resources: LabResourcesTable;
  lab_resource_credentials: LabResourceCredentialsTable;
  lab_opening_hours: LabOpeningHoursTable;
  lab_closed_dates: LabClosedDatesTable;
  lab_outages: LabOutagesTable;
  lab_bookings: LabBookingsTable;
  lab_slot_holds: LabSlotHoldsTable;
  lab_quota_usage: LabQuotaUsageTable;
  lab_room_requests: LabRoomRequestsTable;
}

export type LabResourceRow = Selectable<LabResourcesTable>;
export type LabBookingRow = Selectable<LabBookingsTable>;
