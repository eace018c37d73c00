// Starts the sender loop in a server process (server/index.mjs calls startBackgroundJobs; tests call the passes
// directly with their own clock). Each tick: scheduled passes (reminders, the 07:00 staff digest), then delivery. Several processes may
// run it on one PostgreSQL database: claims and reminder keys make every message go out once.
import { db } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { isoToVnLocal, nowIso } from "~/lib/time";
import { DIGEST_LOCAL_TIME, queueDailyDigest } from "./digest.server";
import { queueDueReminders } from "./reminders.server";
import { runSenderPass, smtpTransport, type SenderOptions } from "./sender.server";

export function mailOrigin(): string {
  return env.publicOrigin || `http://localhost:${process.env.PORT || 3000}`;
}

export function senderOptions(): SenderOptions {
  return {
    transport: env.smtpUrl ? smtpTransport(env.smtpUrl) : null,
    from: env.mailFrom,
    replyTo: env.mailReplyTo || env.mailFrom,
    origin: mailOrigin(),
    now: nowIso,
  };
}

/** Starts the loop; returns a function that stops it. Errors are logged (never a message's content) and retried. */
export function startMailLoop(log: (line: string) => void = console.log): () => void {
  if (!env.mailSender) return () => undefined;
  const options = senderOptions();
  log(options.transport ? "mail: sending through SMTP_URL" : "mail: no SMTP_URL, messages are kept on /staff/outbox");
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  // The Vietnam day whose digest pass completed in this process: later ticks that day skip the look-up.
  let digestDay = "";
  const tick = async () => {
    try {
      const now = nowIso();
      await queueDueReminders(db, { now });
      const local = isoToVnLocal(now);
      if (local.date !== digestDay && local.time >= DIGEST_LOCAL_TIME) {
        await queueDailyDigest(db, { now });
        digestDay = local.date;
      }
      // Keep going while full batches come back, so a backlog drains at the server's pace.
      for (let i = 0; i < 50 && !stopped; i++) {
        const r = await runSenderPass(db, options);
        if (r.claimed < 20) break;
      }
    } catch (e) {
      log(`mail: pass failed: ${(e as Error).message}`);
    }
    if (!stopped) timer = setTimeout(tick, env.mailPollMs);
  };
  timer = setTimeout(tick, 1000);
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    options.transport?.close?.();
  };
}
