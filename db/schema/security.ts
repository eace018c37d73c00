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

export type AuditEvent = Selectable<AuditEventsTable>;

export interface SecurityTables {
  rate_limits: RateLimitsTable;
  audit_events: AuditEventsTable;
}
