// The sender loop: delivers what the outbox holds. Rows are claimed atomically with a lease (one UPDATE … WHERE
// status = 'pending' AND id IN (…), with FOR UPDATE SKIP LOCKED on PostgreSQL: see skipLocked), so several app
// processes on one database never pick the same row. Just before a message is handed to SMTP the row is stamped
// (`handed_at`); the state after a crash decides what happens when its lease runs out:
//   - claimed, never handed over  → back to pending, sent once later;
//   - handed over, not confirmed  → failed ("interrupted"), never resent automatically: the mail server may have
//     accepted it, and a second copy is worse than a visible failure staff can retry.
// SMTP refusals are retried with exponential backoff (4xx and network errors) or failed at once (5xx).
import crypto from "node:crypto";
import type { Transporter } from "nodemailer";
import type { OutboxRow } from "#db/schema";
import { isLocale } from "~/i18n";
import type { DB } from "~/lib/db.server";
import { skipLocked } from "~/lib/dialect.server";
import type { NotificationParams } from "~/notifications/params";
import { renderAttachments, type RenderedAttachment } from "./attachments.server";
import { oneLine, readStoredParams, renderEmail } from "./render.server";

export interface OutgoingEmail {
  from: string;
  replyTo: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  headers: Record<string, string>;
  attachments?: RenderedAttachment[];
}

export interface MailTransport {
  /** Resolves with the server's reply ("250 2.0.0 Ok: queued"); rejects with an error carrying responseCode. */
  send(message: OutgoingEmail): Promise<string>;
  close?(): void;
}

export function smtpTransport(url: string): MailTransport {
  // nodemailer is loaded with the first message, not when the server starts (≈80 ms of its cold start, issue 17).
  let transporter: Promise<Transporter> | null = null;
  const connect = () =>
    (transporter ??= import("nodemailer").then(({ default: nodemailer }) =>
      // A small pool of reused connections (one SMTP session per message is ~10× slower); bounded waits.
      nodemailer.createTransport({
        url,
        pool: true,
        maxConnections: 2,
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 30_000,
      } as Parameters<typeof nodemailer.createTransport>[0]),
    ));
  return {
    async send(m) {
      const info = await (await connect()).sendMail({
        from: m.from,
        replyTo: m.replyTo,
        to: m.to,
        subject: m.subject,
        text: m.text,
        html: m.html,
        messageId: m.messageId,
        headers: m.headers,
        attachments: m.attachments?.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
      });
      return String(info.response ?? "250 accepted");
    },
    close: () => void transporter?.then((t) => t.close(), () => undefined),
  };
}

export const MAX_ATTEMPTS = 6;
/** 1, 2, 4, 8, 16 minutes between attempts (capped at an hour). */
export function backoffMs(attempts: number): number {
  return Math.min(60 * 60_000, 60_000 * 2 ** Math.max(0, attempts - 1));
}
export const LEASE_MS = 5 * 60_000;
const BATCH = 20;
const INTERRUPTED = "interrupted after hand-off to the mail server (process stopped); not resent automatically to avoid a duplicate";

export interface SenderOptions {
  transport: MailTransport | null;
  from: string;
  replyTo: string;
  /** Absolute origin of links (PUBLIC_ORIGIN). */
  origin: string;
  /** The clock: tests move it. */
  now: () => string;
  batch?: number;
  leaseMs?: number;
  /** Test hook: runs after the row was handed over and before it is marked (simulates a crash by throwing). */
  afterHandOff?: (row: OutboxRow) => Promise<void> | void;
  /** Test hook: runs after the claim and before the hand-off. */
  afterClaim?: (rows: OutboxRow[]) => Promise<void> | void;
}

const plus = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

/** Claims up to `limit` due rows for this sender: status → sending, a fresh claim token, a lease. */
export async function claimDue(db: DB, input: { now: string; limit: number; leaseMs: number }): Promise<OutboxRow[]> {
  const token = crypto.randomUUID();
  const due = skipLocked(
    db,
    db
      .selectFrom("email_outbox")
      .select("id")
      .where("status", "=", "pending")
      .where("next_attempt_at", "<=", input.now)
      .orderBy("next_attempt_at")
      .orderBy("id")
      .limit(input.limit),
  );
  const rows = await db
    .updateTable("email_outbox")
    .set((eb) => ({
      status: "sending",
      claim_token: token,
      lease_until: plus(input.now, input.leaseMs),
      handed_at: null,
      attempts: eb("attempts", "+", 1),
    }))
    .where("status", "=", "pending")
    .where("id", "in", due)
    .returningAll()
    .execute();
  return rows.sort((a, b) => a.id - b.id);
}

/** Rows whose sender vanished (lease over): not yet handed over → pending again; handed over → failed. */
export async function recoverAbandoned(db: DB, now: string): Promise<{ requeued: number; interrupted: number }> {
  const requeued = await db
    .updateTable("email_outbox")
    .set({ status: "pending", claim_token: null, lease_until: null })
    .where("status", "=", "sending")
    .where("lease_until", "<", now)
    .where("handed_at", "is", null)
    .executeTakeFirst();
  const interrupted = await db
    .updateTable("email_outbox")
    .set({ status: "failed", smtp_response: INTERRUPTED, secret: null, lease_until: null })
    .where("status", "=", "sending")
    .where("lease_until", "<", now)
    .where("handed_at", "is not", null)
    .executeTakeFirst();
  return { requeued: Number(requeued.numUpdatedRows), interrupted: Number(interrupted.numUpdatedRows) };
}

/** The message as handed to SMTP: rendered in the recipient's language, with its attachments rendered now. */
export async function buildMessage(db: DB, row: OutboxRow, opts: Pick<SenderOptions, "from" | "replyTo" | "origin">): Promise<OutgoingEmail> {
  const { params, lines } = readStoredParams(row.params);
  const rendered = renderEmail({
    template: row.template,
    locale: isLocale(row.locale) ? row.locale : "vi",
    params,
    lines,
    secret: row.secret ? (JSON.parse(row.secret) as Record<string, string>) : null,
    origin: opts.origin,
  });
  const headers: Record<string, string> = { "Auto-Submitted": "auto-generated" };
  if (rendered.unsubscribe) {
    headers["List-Unsubscribe"] = `<${rendered.unsubscribe}>`;
    headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click";
  } else if (rendered.preferences) {
    headers["List-Unsubscribe"] = `<${rendered.preferences}>`;
  }
  return {
    from: opts.from,
    replyTo: opts.replyTo || opts.from,
    to: oneLine(row.to_address),
    subject: rendered.subject,
    text: rendered.text,
    html: rendered.html,
    messageId: row.message_id,
    headers,
    attachments: row.attachments ? await renderAttachments(db, row, opts.origin) : [],
  };
}

function smtpFailure(e: unknown): { reply: string; permanent: boolean } {
  const err = e as { responseCode?: number; response?: string; code?: string; message?: string };
  const reply = oneLine(String(err.response || `${err.code ?? "ERROR"} ${err.message ?? e}`)).slice(0, 500);
  return { reply, permanent: typeof err.responseCode === "number" && err.responseCode >= 500 };
}

export interface PassResult {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
  stored: number;
}

/** One pass: recover abandoned rows, then claim and deliver what is due. */
export async function runSenderPass(db: DB, opts: SenderOptions): Promise<PassResult> {
  const result: PassResult = { claimed: 0, sent: 0, retried: 0, failed: 0, stored: 0 };
  await recoverAbandoned(db, opts.now());
  if (!opts.transport) {
    // No mail server: every due message is kept for the outbox page (its links stay readable there).
    const stored = await db
      .updateTable("email_outbox")
      .set({ status: "stored" })
      .where("status", "=", "pending")
      .where("next_attempt_at", "<=", opts.now())
      .executeTakeFirst();
    result.stored = Number(stored.numUpdatedRows);
    return result;
  }
  const rows = await claimDue(db, { now: opts.now(), limit: opts.batch ?? BATCH, leaseMs: opts.leaseMs ?? LEASE_MS });
  result.claimed = rows.length;
  if (rows.length) await opts.afterClaim?.(rows);
  for (const row of rows) {
    const token = row.claim_token!;
    // Rendered (attachments included) before the hand-off stamp: a crash while rendering leaves the row unsent.
    let message: OutgoingEmail | null = null;
    let renderError: unknown = null;
    try {
      message = await buildMessage(db, row, opts);
    } catch (e) {
      renderError = e;
    }
    const handed = await db
      .updateTable("email_outbox")
      .set({ handed_at: opts.now() })
      .where("id", "=", row.id)
      .where("claim_token", "=", token)
      .where("status", "=", "sending")
      .executeTakeFirst();
    if (Number(handed.numUpdatedRows) !== 1) continue; // the lease was lost: someone else owns the row now
    let reply: string;
    try {
      if (!message) throw renderError;
      reply = oneLine(await opts.transport.send(message)).slice(0, 500);
    } catch (e) {
      const failure = smtpFailure(e);
      const final = failure.permanent || row.attempts >= MAX_ATTEMPTS;
      await db
        .updateTable("email_outbox")
        .set(
          final
            ? { status: "failed", smtp_response: failure.reply, secret: null, lease_until: null, claim_token: null }
            : {
                status: "pending",
                smtp_response: failure.reply,
                next_attempt_at: plus(opts.now(), backoffMs(row.attempts)),
                handed_at: null,
                lease_until: null,
                claim_token: null,
              },
        )
        .where("id", "=", row.id)
        .where("claim_token", "=", token)
        .execute();
      if (final) result.failed++;
      else result.retried++;
      continue;
    }
    await opts.afterHandOff?.(row);
    await db
      .updateTable("email_outbox")
      .set({ status: "sent", sent_at: opts.now(), smtp_response: reply, secret: null, lease_until: null })
      .where("id", "=", row.id)
      .where("claim_token", "=", token)
      .execute();
    result.sent++;
  }
  return result;
}
