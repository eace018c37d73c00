import type { Generated, Selectable } from "kysely";

export interface ClassesTable {
  id: Generated<number>;
  name: string;
  school_id: number;
  grade: number | null;
  school_year: string;
  owner_id: number;
  join_code: string | null;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface ClassTeachersTable {
  class_id: number;
  teacher_id: number;
  role: Generated<"owner" | "co_teacher">;
  created_at: string;
}

export interface ClassMembersTable {
  class_id: number;
  student_id: number;
  joined_via: "code" | "email" | "created" | "teacher";
  created_at: string;
}

export interface ManagedAccountsTable {
  student_id: number;
  created_by: number;
  created_at: string;
}

/** A course the class was enrolled in (a column of its progress matrix). */
export interface ClassCoursesTable {
  class_id: number;
  program_id: number;
  added_by: number | null;
  created_at: string;
}

/** A workshop session the class was registered for (a column of its progress matrix). */
export interface ClassSessionsTable {
  class_id: number;
  session_id: number;
  added_by: number | null;
  created_at: string;
}

/** A teacher's invitation to a class; the student becomes a member only by accepting it. */
export interface ClassInvitationsTable {
  id: Generated<number>;
  class_id: number;
  student_id: number;
  invited_by: number | null;
  status: Generated<"pending" | "accepted" | "declined">;
  created_at: string;
  answered_at: string | null;
}

export interface ClassesTables {
  classes: ClassesTable;
  class_teachers: ClassTeachersTable;
  class_members: ClassMembersTable;
  managed_accounts: ManagedAccountsTable;
  class_courses: ClassCoursesTable;
  class_sessions: ClassSessionsTable;
  class_invitations: ClassInvitationsTable;
}

export type ClassRow = Selectable<ClassesTable>;
