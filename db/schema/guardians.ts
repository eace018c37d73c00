// Tables of the guardians capability (db/migrations/0020_guardians.ts).
import type { Generated } from "kysely";

export interface GuardianLinksTable {
  id: Generated<number>;
  student_id: number;
  guardian_id: number;
  /** 1 or 2: a student has at most two guardians (unique per student). */
  place: number;
  invited_by: number | null;
  created_at: string;
}

export interface GuardianInvitationsTable {
  id: Generated<number>;
  student_id: number;
  invited_by: number | null;
  kind: "email" | "code";
  email: string | null;
  token_hash: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  used_by: number | null;
}

export type ConsentStatus = "given" | "withdrawn";

export interface GuardianConsentsTable {
  student_id: number;
  status: ConsentStatus;
  recorded_by: number | null;
  given_at: string | null;
  withdrawn_at: string | null;
  updated_at: string;
}

export type SlipStatus = "pending" | "yes" | "no" | "void";

export interface PermissionSlipsTable {
  id: Generated<number>;
  /** The tour booking of the slip, or null for a workshop registration's slip (exactly one is set, migration 0024). */
  booking_id: number | null;
  /** The workshop registration of the slip (migration 0024), or null for a tour slip. */
  registration_id: number | null;
  student_id: number;
  status: Generated<SlipStatus>;
  emergency_phone: string | null;
  medical_note: string | null;
  signed_name: string | null;
  signed_at: string | null;
  signed_ip: string | null;
  signed_by: number | null;
  token_hash: string | null;
  token_expires_at: string | null;
  reminded_at: string | null;
  medical_purged_at: string | null;
  created_at: string;
  updated_at: string;
}

/** A student's card code (migration 0025): opaque, random, printed as the check-in QR; replaced on demand. */
export interface StudentCardsTable {
  student_id: number;
  code: string;
  issued_by: number | null;
  issued_at: string;
}

export interface GuardiansTables {
  guardian_links: GuardianLinksTable;
  guardian_invitations: GuardianInvitationsTable;
  guardian_consents: GuardianConsentsTable;
  permission_slips: PermissionSlipsTable;
  student_cards: StudentCardsTable;
}
