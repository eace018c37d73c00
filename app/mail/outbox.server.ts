// The transactional outbox: a capability that changes something people must hear about calls `queueEmail(trx, …)`
// inside its own `inTransaction` block, so the message exists exactly when the change does. The sender loop
// (sender.server.ts) delivers it later; staff read every message on /staff/outbox.
import crypto from "node:crypto";
import type { Insertable } from "kysely";
import type { EmailOutboxTable, EmailTokensTable, Locale, OutboxStatus } from "#db/schema";
import type { DB } from "~/lib/db.server";
import { ok, refuse, type Result } from "~/lib/result";
import type { NotificationParams } from "~/notifications/params";
import { attachmentInfo, parseAttachments, type AttachmentRef } from "./attachments";
import { readStoredParams, renderEmail, type MailLine } from "./render.server";
import { isOptionalTemplate, listOf, type MailTemplate } from "./templates";
import { hashToken, newEmailToken, UNSUBSCRIBE_TOKEN_TTL_MS } from "./tokens.server";

export interface QueueEmailInput {
  template: MailTemplate;
  /** The recipient: a user (address, language and preferences read from the account)… */
  userId?: number;
  /** …or a bare address (a school's contact) with its language. */
  to?: { address: string; locale: Locale };
  /** Language-neutral, as notifications' parameters: keys, ISO times, numbers, { vi, en } texts. */
  params?: NotificationParams;
  /** Secret parameters (a token for a link): kept only until the message is delivered. */
  secret?: Record<string, string>;
  /** At most one message per key, ever (a reminder per registration): a repeat is silently dropped. */
  dedupeKey?: string;
  /** Files attached when the message is sent (references, rendered by the sender: rows stay small). */
  attachments?: AttachmentRef[];
  /** Lines of a list (the digest), rendered under the body in the recipient's language. */
  lines?: MailLine[];
  now: string;
}

export type QueueOutcome = "queued" | "noAddress" | "optedOut" | "duplicate";

function messageIdFor(): string {
  const host = (process.env.PUBLIC_ORIGIN || "").replace(/^https?:\/\//, "").replace(/[:/].*$/, "") || "stem-hub.local";
  return `<${crypto.randomUUID()}@${host}>`;
}

/**
 * Writes one message to the outbox in the caller's transaction. Accounts without an address (class accounts) and
 * people who switched off optional mail get nothing; that is an outcome, not an error.
 */
export async function queueEmail(trx: DB, input: QueueEmailInput): Promise<QueueOutcome> {
  return (await queueEmails(trx, [input]))[0];
}

/**
 * Many messages (a waitlist promotion batch, a reminder pass, certificates for a whole class): one read of the
 * recipients, then the unsubscribe tokens and the messages inserted by blocks of 100 — a fixed number of queries
 * whatever the number of recipients.
 */
export async function queueEmails(trx: DB, inputs: QueueEmailInput[]): Promise<QueueOutcome[]> {
  if (inputs.length === 0) return [];
  const userIds = [...new Set(inputs.flatMap((i) => (i.userId === undefined ? [] : [i.userId])))];
  const users = userIds.length
    ? await trx.selectFrom("users").select(["id", "email", "locale", "mail_optional", "mail_digest", "full_name"]).where("id", "in", userIds).execute()
    : [];
  const byId = new Map(users.map((u) => [u.id, u]));
  const outcomes: QueueOutcome[] = [];
  const tokens: Insertable<EmailTokensTable>[] = [];
  const rows: (Insertable<EmailOutboxTable> & { message_id: string })[] = [];
  /** Index in `outcomes` of each row to insert, by its message id (unique and random). */
  const slotOf = new Map<string, number>();
  for (const input of inputs) {
    let address = input.to?.address ?? null;
    let locale: Locale = input.to?.locale ?? "vi";
    let params: NotificationParams = input.params ?? {};
    if (input.userId !== undefined) {
      const user = byId.get(input.userId);
      if (!user) {
        outcomes.push("noAddress");
        continue;
      }
      const wanted = listOf(input.template) === "digest" ? user.mail_digest : user.mail_optional;
      if (isOptionalTemplate(input.template) && !wanted) {
        outcomes.push("optedOut");
        continue;
      }
      address = input.to?.address ?? user.email;
      locale = user.locale;
      params = { name: user.full_name, ...params };
    }
    if (!address) {
      outcomes.push("noAddress");
      continue;
    }
    let secret = input.secret ?? null;
    if (input.userId !== undefined && isOptionalTemplate(input.template)) {
      // One-click unsubscribe (RFC 8058): a token of its own per message, reusable until it expires.
      const unsubscribe = newEmailToken();
      tokens.push({
        purpose: "unsubscribe",
        token_hash: hashToken(unsubscribe),
        user_id: input.userId,
        email: address,
        created_at: input.now,
        expires_at: new Date(Date.parse(input.now) + UNSUBSCRIBE_TOKEN_TTL_MS).toISOString(),
      });
      secret = { ...secret, unsubscribe };
    }
    const messageId = messageIdFor();
    slotOf.set(messageId, outcomes.length);
    // "duplicate" until the insert says otherwise.
    outcomes.push("duplicate");
    rows.push({
      template: input.template,
      to_address: address,
      to_user_id: input.userId ?? null,
      locale,
      params: JSON.stringify(input.lines?.length ? { ...params, lines: input.lines } : params),
      secret: secret ? JSON.stringify(secret) : null,
      message_id: messageId,
      dedupe_key: input.dedupeKey ?? null,
      attachments: input.attachments?.length ? JSON.stringify(input.attachments) : null,
      next_attempt_at: input.now,
      created_at: input.now,
    });
  }
  for (let i = 0; i < tokens.length; i += BLOCK) await trx.insertInto("email_tokens").values(tokens.slice(i, i + BLOCK)).execute();
  for (let i = 0; i < rows.length; i += BLOCK) {
    const inserted = await trx
      .insertInto("email_outbox")
      .values(rows.slice(i, i + BLOCK))
      // A unique index that may refuse inside a caller's transaction: never raise (PostgreSQL would abort it).
      .onConflict((oc) => oc.column("dedupe_key").doNothing())
      .returning("message_id")
      .execute();
    for (const r of inserted) outcomes[slotOf.get(r.message_id)!] = "queued";
  }
  return outcomes;
}

const BLOCK = 100;

export const OUTBOX_PAGE_SIZE = 25;

export interface OutboxListItem {
  id: number;
  template: string;
  toAddress: string;
  locale: Locale;
  status: OutboxStatus;
  attempts: number;
  smtpResponse: string | null;
  createdAt: string;
  sentAt: string | null;
}

/** Newest first, optionally one status; paginated (email_outbox_list_idx / email_outbox_status_list_idx). */
export async function listOutbox(db: DB, opts: { page: number; status?: OutboxStatus }) {
  let query = db.selectFrom("email_outbox");
  if (opts.status) query = query.where("status", "=", opts.status);
  const [{ total }] = await query.select((eb) => eb.fn.countAll<number>().as("total")).execute();
  const rows = await query
    .select([
      "id",
      "template",
      "to_address as toAddress",
      "locale",
      "status",
      "attempts",
      "smtp_response as smtpResponse",
      "created_at as createdAt",
      "sent_at as sentAt",
    ])
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(OUTBOX_PAGE_SIZE)
    .offset((opts.page - 1) * OUTBOX_PAGE_SIZE)
    .execute();
  return { rows: rows as OutboxListItem[], total: Number(total), pages: Math.max(1, Math.ceil(Number(total) / OUTBOX_PAGE_SIZE)) };
}

export async function getOutboxMessage(db: DB, id: number) {
  return (await db.selectFrom("email_outbox").selectAll().where("id", "=", id).executeTakeFirst()) ?? null;
}

/** The outbox as staff read it: each row's subject rendered in the reader's language. */
export async function loadOutboxPage(db: DB, opts: { page: number; status?: OutboxStatus; locale: Locale; origin: string }) {
  const list = await listOutbox(db, opts);
  const params = await db
    .selectFrom("email_outbox")
    .select(["id", "params"])
    .where("id", "in", list.rows.length ? list.rows.map((r) => r.id) : [0])
    .execute();
  const byId = new Map(params.map((p) => [p.id, readStoredParams(p.params).params]));
  return {
    ...list,
    rows: list.rows.map((r) => ({
      ...r,
      subject: renderEmail({ template: r.template, locale: opts.locale, params: byId.get(r.id) ?? {}, secret: null, origin: opts.origin }).subject,
    })),
  };
}

/**
 * One message rendered in both languages (the recipient's first). Secret links (a reset token) are shown only
 * when `revealSecrets` (no mail server configured: the outbox is how the demo delivers) and while the message
 * still holds them (erased once delivered).
 */
export async function loadOutboxMessage(db: DB, id: number, opts: { origin: string; revealSecrets: boolean }) {
  const row = await getOutboxMessage(db, id);
  if (!row) return null;
  const recipient: Locale = row.locale === "en" ? "en" : "vi";
  const other: Locale = recipient === "vi" ? "en" : "vi";
  const { params, lines } = readStoredParams(row.params);
  const secret = opts.revealSecrets && row.secret ? (JSON.parse(row.secret) as Record<string, string>) : null;
  const render = (locale: Locale) => ({ locale, ...renderEmail({ template: row.template, locale, params, lines, secret, origin: opts.origin }) });
  return {
    id: row.id,
    template: row.template,
    toAddress: row.to_address,
    status: row.status,
    attempts: row.attempts,
    smtpResponse: row.smtp_response,
    messageId: row.message_id,
    createdAt: row.created_at,
    sentAt: row.sent_at,
    nextAttemptAt: row.next_attempt_at,
    attachments: parseAttachments(row.attachments).map(attachmentInfo),
    previews: [render(recipient), render(other)],
  };
}

export type RetryRefusal = "notFound" | "notFailed" | "secretGone";

/**
 * Staff send a failed message again (after fixing the mail server, or for one interrupted mid-delivery). A message
 * whose link needed a token that was erased (a password reset) cannot be rebuilt: the person asks for a new one.
 */
export async function retryMessage(db: DB, input: { id: number; now: string }): Promise<Result<undefined, RetryRefusal>> {
  const row = await db.selectFrom("email_outbox").select(["status", "params", "secret"]).where("id", "=", input.id).executeTakeFirst();
  if (!row) return refuse("notFound");
  if (row.status !== "failed") return refuse("notFailed");
  const link = (JSON.parse(row.params) as NotificationParams).link;
  if (typeof link === "string" && link.includes("{") && !row.secret) return refuse("secretGone");
  const updated = await db
    .updateTable("email_outbox")
    .set({ status: "pending", attempts: 0, next_attempt_at: input.now, handed_at: null, claim_token: null, lease_until: null })
    .where("id", "=", input.id)
    .where("status", "=", "failed")
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1 ? ok() : refuse("notFailed");
}
