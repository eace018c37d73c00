// A real SMTP server for tests (smtp-server on a free port) whose received messages are parsed back with
// mailparser, and a sender configuration pointed at it with a clock the test moves.
import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { db } from "~/lib/db.server";
import { smtpTransport, type MailTransport, type SenderOptions } from "~/mail/sender.server";

export interface TestSmtp {
  url: string;
  /** One pooled client per server, as a server process has. */
  transport: MailTransport;
  received: ParsedMail[];
  /** Answer the next n messages with this SMTP code (e.g. 451 temporary, 550 permanent). */
  refuseNext(n: number, code: number): void;
  close(): Promise<void>;
}

export async function startTestSmtp(): Promise<TestSmtp> {
  const received: ParsedMail[] = [];
  let refusals: { left: number; code: number } = { left: 0, code: 451 };
  const server = new SMTPServer({
    authOptional: true,
    // Pooled client connections stay open: closing the server must not wait for them.
    closeTimeout: 100,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        if (refusals.left > 0) {
          refusals.left--;
          const err = Object.assign(new Error(refusals.code >= 500 ? "Mailbox unavailable" : "Try again later"), { responseCode: refusals.code });
          callback(err);
          return;
        }
        simpleParser(Buffer.concat(chunks)).then(
          (mail) => {
            received.push(mail);
            callback(null, "Queued as test");
          },
          (e) => callback(e as Error),
        );
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  const url = `smtp://127.0.0.1:${port}`;
  const transport = smtpTransport(url);
  return {
    url,
    transport,
    received,
    refuseNext: (n, code) => {
      refusals = { left: n, code };
    },
    close: () => {
      transport.close?.();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A clock the test sets and moves. */
export function testClock(start: string) {
  let t = Date.parse(start);
  return {
    now: () => new Date(t).toISOString(),
    advance: (ms: number) => {
      t += ms;
    },
    set: (iso: string) => {
      t = Date.parse(iso);
    },
  };
}

export const TEST_ORIGIN = "https://stem.test.example";

export function senderFor(smtp: TestSmtp | null, clock: { now: () => string }, extra: Partial<SenderOptions> = {}): SenderOptions {
  return {
    transport: smtp ? smtp.transport : null,
    from: "STEM Hub <no-reply@stem.test.example>",
    replyTo: "Desk <desk@stem.test.example>",
    origin: TEST_ORIGIN,
    now: clock.now,
    ...extra,
  };
}

/** The outbox of this database, oldest first. */
export function outboxRows() {
  return db.selectFrom("email_outbox").selectAll().orderBy("id").execute();
}

/** Each test starts with an empty outbox (a sender pass handles every due row of the database). */
export async function emptyOutbox() {
  await db.deleteFrom("email_outbox").execute();
}
