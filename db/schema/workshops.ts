// Tables of the workshops capability (migration 0002_workshops).
import type { Generated, Selectable } from "kysely";

export type WorkshopSessionStatus = "scheduled" | "cancelled";
export type RegistrationStatus = "confirmed" | "waitlisted" | "cancelled" | "removed";
export type RegistrationSource = "self" | "class";
export type AttendanceStatus = "attended" | "absent";

export interface WorkshopSessionsTable {
  id: Generated<number>;
  program_id: number;
  room: Generated<string>;
  capacity: number;
  confirmed_count: Generated<number>;
  instructor_id: number | null;
  registration_opens_at: string | null;
  registration_closes_at: string | null;
  cancellation_deadline: string | null;
  status: Generated<WorkshopSessionStatus>;
  min_attendance_percent: Generated<number>;
  starts_at: string;
  ends_at: string;
  created_at: string;
  updated_at: string;
}

export interface WorkshopMeetingsTable {
  id: Generated<number>;
  session_id: number;
  starts_at: string;
  ends_at: string;
}

export interface WorkshopRegistrationsTable {
  id: Generated<number>;
  session_id: number;
  user_id: number;
  status: RegistrationStatus;
  waitlist_position: number | null;
  source: Generated<RegistrationSource>;
  created_at: string;
  updated_at: string;
  cancelled_at: string | null;
}

export interface WorkshopAttendanceTable {
  registration_id: number;
  meeting_id: number;
  status: AttendanceStatus;
  marked_by: number | null;
  marked_at: string;
}

export interface CalendarTokensTable {
  user_id: number;
  token: string;
  created_at: string;
}

export interface WorkshopsTables {
  workshop_sessions: WorkshopSessionsTable;
  workshop_meetings: WorkshopMeetingsTable;
  workshop_registrations: WorkshopRegistrationsTable;
  workshop_attendance: WorkshopAttendanceTable;
  calendar_tokens: CalendarTokensTable;
}

export type WorkshopSessionRow = Selectable<WorkshopSessionsTable>;
export type WorkshopRegistrationRow = Selectable<WorkshopRegistrationsTable>;
