import type { Generated, Selectable } from "kysely";

export interface RateLimitsTable {
  bucket: string;
  key: string;
  window_start: string;
  hits: number;
  expires_at: string;
}

export interface AuditEventsTable {
  id: Generated<number>;
  occurred_at: string;
  actor_id: number | null;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  ip: Generated<string>;
  details: Generated<string>;
}

export interface TwoFactorTable {
  user_id: number;
  secret: string | null;
  enabled_at: string | null;
  last_step: number | null;
  grace_ends_at: string | null;
  updated_at: string;
}

export interface RecoveryCodesTable {
  id: Generated<number>;
  user_id: number;
  code_hash: string;
  used_at: string | null;
  created_at: string;
}

export interface LoginChallengesTable {
  token_hash: string;
  user_id: number;
  redirect_to: Generated<string>;
  created_at: string;
  expires_at: string;
}

export type AuditEvent = Selectable<AuditEventsTable>;

export interface SecurityTables {
  rate_limits: RateLimitsTable;
  audit_events: AuditEventsTable;
  two_factor: TwoFactorTable;
  recovery_codes: RecoveryCodesTable;
  login_challenges: LoginChallengesTable;
}
