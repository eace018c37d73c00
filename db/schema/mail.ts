// Tables of the mail capability (migrations 0015_email_outbox, 0016_email_tokens).
import type { Generated, Selectable } from "kysely";

export type OutboxStatus = "pending" | "sending" | "sent" | "stored" | "failed";
export type EmailTokenPurpose = "verify" | "reset" | "unsubscribe";

export interface EmailOutboxTable {
  id: Generated<number>;
  template: string;
  to_address: string;
  to_user_id: number | null;
  locale: Generated<"vi" | "en">;
  params: Generated<string>;
  secret: string | null;
  message_id: string;
  dedupe_key: string | null;
  status: Generated<OutboxStatus>;
  attempts: Generated<number>;
  next_attempt_at: string;
  claim_token: string | null;
  lease_until: string | null;
  handed_at: string | null;
  smtp_response: string | null;
  created_at: string;
  sent_at: string | null;
  /** JSON array of attachment references, rendered when the message is sent (migration 0019). */
  attachments: string | null;
}

export interface EmailTokensTable {
  id: Generated<number>;
  purpose: EmailTokenPurpose;
  token_hash: string;
  user_id: number;
  email: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface EmailChangesTable {
  id: Generated<number>;
  user_id: number;
  old_email: string | null;
  new_email: string;
  token_hash: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export type OutboxRow = Selectable<EmailOutboxTable>;

export interface MailTables {
  email_outbox: EmailOutboxTable;
  email_tokens: EmailTokensTable;
  email_changes: EmailChangesTable;
}
