import type { Generated, Insertable, Selectable, Updateable } from "kysely";

export type Role = "student" | "teacher" | "coordinator" | "staff" | "admin" | "guardian";
export type Locale = "vi" | "en";
export type ProgramKind = "course" | "workshop" | "tour";
export type ProgramStatus = "draft" | "published" | "archived";
export type ApprovalStatus = "pending" | "approved" | "rejected";

export interface UsersTable {
  id: Generated<number>;
  email: string | null;
  username: string | null;
  full_name: string;
  /** Sort key of full_name in Vietnamese name order (app/lib/collation.ts), compared by code point. */
  name_key: Generated<string>;
  password_hash: string;
  role: Generated<Role>;
  locale: Generated<Locale>;
  birth_year: number | null;
  grade: number | null;
  created_at: string;
  updated_at: string;
  /** Set when the address was confirmed by a link sent to it (migration 0015). */
  email_verified_at: Generated<string | null>;
  /** 1 when reminders and confirmations are wanted (account-security mail is always sent). */
  mail_optional: Generated<number>;
  /** 1 when a staff/admin account wants the daily digest (migration 0019). */
  mail_digest: Generated<number>;
}

export interface UserSessionsTable {
  id: string;
  user_id: number;
  expires_at: string;
  created_at: string;
}

export interface SchoolsTable {
  id: Generated<number>;
  name: string;
  address: Generated<string>;
  district: Generated<string>;
  province: Generated<string>;
  phone: Generated<string>;
  email: Generated<string>;
  status: Generated<ApprovalStatus>;
  created_by: number | null;
  created_at: string;
}

export interface SchoolMembershipsTable {
  id: Generated<number>;
  school_id: number;
  user_id: number;
  role: "teacher" | "coordinator";
  status: Generated<ApprovalStatus>;
  decided_by: number | null;
  created_at: string;
  decided_at: string | null;
}

export interface NotificationsTable {
  id: Generated<number>;
  user_id: number;
  message_key: string;
  /** JSON object of message parameters. */
  params: Generated<string>;
  link: string | null;
  read_at: string | null;
  created_at: string;
}

export interface ProgramsTable {
  id: Generated<number>;
  kind: ProgramKind;
  slug: string;
  title_vi: string;
  title_en: string | null;
  summary_vi: Generated<string>;
  summary_en: string | null;
  description_vi: Generated<string>;
  description_en: string | null;
  /** Sanitised HTML of description_vi / _en, rendered when saved (English null when its text is blank). */
  description_html_vi: Generated<string>;
  description_html_en: string | null;
  grade_min: number | null;
  grade_max: number | null;
  age_min: number | null;
  age_max: number | null;
  fee_vnd: Generated<number>;
  cover_url: string | null;
  status: Generated<ProgramStatus>;
  search_text: Generated<string>;
  /** 1 when reminders go out for this program's sessions and tours (migration 0019). */
  mail_reminders: Generated<number>;
  /** 1 when a confirmed registration for a session of this workshop program needs a permission slip (0024). */
  requires_slip: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface ProgramTopicsTable {
  program_id: number;
  topic: string;
}

/** A topic's English name (migration 0017); `topic` is the text of program_topics.topic. */
export interface TopicsTable {
  topic: string;
  name_en: string | null;
}

export interface FoundationTables {
  users: UsersTable;
  user_sessions: UserSessionsTable;
  schools: SchoolsTable;
  school_memberships: SchoolMembershipsTable;
  notifications: NotificationsTable;
  programs: ProgramsTable;
  program_topics: ProgramTopicsTable;
  topics: TopicsTable;
}

export type UserRow = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type SchoolRow = Selectable<SchoolsTable>;
export type ProgramRow = Selectable<ProgramsTable>;
export type NewProgram = Insertable<ProgramsTable>;
export type NotificationRow = Selectable<NotificationsTable>;
