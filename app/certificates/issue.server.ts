// The one issuing function (automatic and manual), revocation and reissue. Integrity comes from the database:
// a partial unique index allows one valid certificate per (user, program, kind), and serials come from a
// per-year counter row updated inside the same transaction.
import type { CertificateKind, CertificateRow } from "#db/schema";
import { bilingual } from "~/i18n/localized";
import { recordAudit, type Actor } from "~/lib/audit.server";
import { inTransaction, type DB } from "~/lib/db.server";
import { ok, refuse, type Result } from "~/lib/result";
import { foldText } from "~/lib/text";
import { vnYear } from "~/lib/time";
import type { AttachmentRef } from "~/mail/attachments";
import { queueEmail, queueEmails } from "~/mail/outbox.server";
import { notify, notifyMany } from "~/notifications/notifications.server";
import { formatSerial, newVerificationCode } from "./codes.server";
import { ISSUER } from "./issuer";
import { allocateStatusIndices } from "./status-list.server";
import { onCredentialRevoked } from "~/lab/credentials.server";

export interface IssueInput {
  userId: number;
  programId: number;
  kind: CertificateKind;
  hours?: number | null;
  /** Staff user issuing by hand; null/undefined = automatic. */
  issuedBy?: number | null;
  sourceRef?: string | null;
  /** When the condition became true (default now). */
  issuedAt?: string;
  /** Printed name; defaults to the user's current full name. */
  recipientName?: string;
  now: string;
}

export type IssueRefusal = "unknownUser" | "unknownProgram" | "kindMismatch" | "revoked";

/** The live certificate; `created` is false when the learner already held it. */
export interface Issued {
  created: boolean;
  certificate: CertificateRow;
}

export function normaliseName(name: string): string {
  return name.normalize("NFC").replace(/\s+/g, " ").trim();
}

function searchTextOf(c: { recipient_name: string; serial: string; program_title_vi: string; program_title_en: string | null }) {
  return foldText([c.recipient_name, c.serial, c.program_title_vi, c.program_title_en ?? ""].join(" "));
}

async function findLive(db: DB, userId: number, programId: number, kind: CertificateKind) {
  return db
    .selectFrom("certificates")
    .selectAll()
    .where("user_id", "=", userId)
    .where("program_id", "=", programId)
    .where("kind", "=", kind)
    .where("status", "=", "valid")
    .executeTakeFirst();
}

async function allocateSerial(db: DB, year: number): Promise<number> {
  const row = await db
    .insertInto("certificate_serials")
    .values({ year, last_value: 1 })
    .onConflict((oc) => oc.column("year").doUpdateSet((eb) => ({ last_value: eb("certificate_serials.last_value", "+", 1) })))
    .returning("last_value")
    .executeTakeFirstOrThrow();
  return row.last_value;
}

/** Gives a serial back when the insert lost a race, so serials stay gap-free. */
async function releaseSerial(db: DB, year: number, value: number): Promise<void> {
  await db
    .updateTable("certificate_serials")
    .set({ last_value: value - 1 })
    .where("year", "=", year)
    .where("last_value", "=", value)
    .execute();
}

async function insertCertificate(
  db: DB,
  values: Omit<
    CertificateRow,
    "id" | "serial" | "code" | "status" | "revoked_at" | "revoked_reason" | "superseded_by" | "search_text" | "created_at" | "status_index"
  >,
  now: string,
): Promise<CertificateRow | undefined> {
  const year = vnYear(values.issued_at);
  const value = await allocateSerial(db, year);
  const serial = formatSerial(year, value);
  // A position lost to a race stays unused: a gap in the status list is harmless (its bit stays 0).
  const statusIndex = await allocateStatusIndices(db, 1);
  const row = { ...values, serial, code: newVerificationCode(), status: "valid" as const, status_index: statusIndex, created_at: now };
  const inserted = await db
    .insertInto("certificates")
    .values({ ...row, search_text: searchTextOf(row) })
    // No conflict target: the only constraint a fresh serial and code can meet is the one-live-certificate index.
    .onConflict((oc) => oc.doNothing())
    .returningAll()
    .executeTakeFirst();
  if (!inserted) await releaseSerial(db, year, value);
  return inserted;
}

/** The certificate e-mail's parameters: the program in both languages, the serial and the public verification page. */
/** The certificate's PDF, rendered by the sender when the mail goes out. */
function certificateAttachment(c: { serial: string; code: string }): AttachmentRef[] {
  return [{ kind: "certificatePdf", code: c.code, serial: c.serial }];
}

function issuedMailParams(program: { title_vi: string; title_en: string | null }, c: { serial: string; code: string }) {
  return { program: bilingual(program, "title"), serial: c.serial, link: `/verify/${c.code}` };
}

/**
 * Issues a certificate, or returns the live one if the learner already holds it (idempotent). Automatic issuance
 * (no issuedBy) does not bring back a certificate that staff revoked; staff may issue again by hand.
 */
export async function issueCertificate(db: DB, input: IssueInput): Promise<Result<Issued, IssueRefusal>> {
  return inTransaction(db, async (trx): Promise<Result<Issued, IssueRefusal>> => {
    const existing = await findLive(trx, input.userId, input.programId, input.kind);
    if (existing) return ok({ created: false, certificate: existing });
    const [user, program] = await Promise.all([
      trx.selectFrom("users").select(["id", "full_name"]).where("id", "=", input.userId).executeTakeFirst(),
      trx.selectFrom("programs").select(["id", "kind", "title_vi", "title_en"]).where("id", "=", input.programId).executeTakeFirst(),
    ]);
    if (!user) return refuse("unknownUser");
    if (!program) return refuse("unknownProgram");
    if (program.kind !== input.kind) return refuse("kindMismatch");
    if (!input.issuedBy) {
      const revoked = await trx
        .selectFrom("certificates")
        .select("id")
        .where("user_id", "=", input.userId)
        .where("program_id", "=", input.programId)
        .where("kind", "=", input.kind)
        .where("status", "=", "revoked")
        .executeTakeFirst();
      if (revoked) return refuse("revoked");
    }
    const inserted = await insertCertificate(trx, {
      user_id: user.id,
      program_id: program.id,
      kind: input.kind,
      recipient_name: normaliseName(input.recipientName ?? user.full_name),
      program_title_vi: program.title_vi,
      program_title_en: program.title_en,
      hours: input.hours ?? null,
      issued_at: input.issuedAt ?? input.now,
      issuer_name: ISSUER.nameVi,
      issuer_city: ISSUER.city,
      issued_by: input.issuedBy ?? null,
      source_ref: input.sourceRef ?? null,
    }, input.now);
    if (!inserted) {
      // Another process issued it between our look-up and our insert: that one is the certificate.
      const winner = await findLive(trx, input.userId, input.programId, input.kind);
      if (!winner) throw new Error("certificate insert conflicted but no live certificate exists");
      return ok({ created: false, certificate: winner });
    }
    await notify(trx, {
      userId: user.id,
      messageKey: "certificates.notify.issued",
      params: { program: bilingual(program, "title") },
      link: `/certificates/${inserted.id}`,
    });
    await queueEmail(trx, { template: "certificateIssued", userId: user.id, params: issuedMailParams(program, inserted), attachments: certificateAttachment(inserted), now: input.now });
    return ok({ created: true, certificate: inserted });
  });
}

/**
 * Automatic issuance for many learners of one program at once (a class after a tour): a fixed number of queries
 * whatever the class size. Learners who already hold a live certificate, or whose certificate staff revoked, are
 * skipped, as in issueCertificate. Serials are taken as one block from the year's counter.
 */
export async function issueCertificatesToMany(
  db: DB,
  input: { userIds: number[]; programId: number; kind: CertificateKind; hours?: number | null; sourceRef?: string | null; issuedAt?: string; now: string },
): Promise<number[]> {
  const userIds = [...new Set(input.userIds)];
  if (userIds.length === 0) return [];
  return inTransaction(db, async (trx) => {
    const program = await trx.selectFrom("programs").select(["id", "kind", "title_vi", "title_en"]).where("id", "=", input.programId).executeTakeFirst();
    if (!program || program.kind !== input.kind) return [];
    const [users, held] = await Promise.all([
      trx.selectFrom("users").select(["id", "full_name"]).where("id", "in", userIds).orderBy("id").execute(),
      trx
        .selectFrom("certificates")
        .select("user_id")
        .where("program_id", "=", input.programId)
        .where("kind", "=", input.kind)
        .where("user_id", "in", userIds)
        .where("status", "in", ["valid", "revoked"])
        .execute(),
    ]);
    const skip = new Set(held.map((h) => h.user_id));
    const todo = users.filter((u) => !skip.has(u.id));
    if (todo.length === 0) return [];
    const issuedAt = input.issuedAt ?? input.now;
    const year = vnYear(issuedAt);
    const counter = await trx
      .insertInto("certificate_serials")
      .values({ year, last_value: todo.length })
      .onConflict((oc) => oc.column("year").doUpdateSet((eb) => ({ last_value: eb("certificate_serials.last_value", "+", todo.length) })))
      .returning("last_value")
      .executeTakeFirstOrThrow();
    const first = counter.last_value - todo.length + 1;
    const firstStatusIndex = await allocateStatusIndices(trx, todo.length);
    const createdAt = input.now;
    const rows = todo.map((u, i) => {
      const row = {
        user_id: u.id,
        program_id: program.id,
        kind: input.kind,
        recipient_name: normaliseName(u.full_name),
        program_title_vi: program.title_vi,
        program_title_en: program.title_en,
        hours: input.hours ?? null,
        issued_at: issuedAt,
        issuer_name: ISSUER.nameVi,
        issuer_city: ISSUER.city,
        issued_by: null,
        source_ref: input.sourceRef ?? null,
        serial: formatSerial(year, first + i),
        code: newVerificationCode(),
        status: "valid" as const,
        status_index: firstStatusIndex + i,
        created_at: createdAt,
      };
      return { ...row, search_text: searchTextOf(row) };
    });
    // Inside this write transaction nobody else can have issued meanwhile; were it to happen (another database
    // engine), the insert fails and the whole completion rolls back rather than leave a gap in the serials.
    const inserted: { id: number; user_id: number; serial: string; code: string }[] = [];
    for (let i = 0; i < rows.length; i += 100) {
      inserted.push(...(await trx.insertInto("certificates").values(rows.slice(i, i + 100)).returning(["id", "user_id", "serial", "code"]).execute()));
    }
    await queueEmails(
      trx,
      inserted.map((c) => ({ template: "certificateIssued" as const, userId: c.user_id, params: issuedMailParams(program, c), attachments: certificateAttachment(c), now: input.now })),
    );
    await notifyMany(
      trx,
      inserted.map((c) => ({
        userId: c.user_id,
        messageKey: "certificates.notify.issued",
        params: { program: bilingual(program, "title") },
        link: `/certificates/${c.id}`,
      })),
    );
    return inserted.map((c) => c.user_id);
  });
}

export type RevokeRefusal = "notFound" | "superseded";

export interface Revoked {
  serial: string;
  alreadyRevoked: boolean;
}

/** Revoking twice is harmless: the first reason and date stay. */
export async function revokeCertificate(
  db: DB,
  input: { certificateId: number; reason: string; actor: Actor; now: string },
): Promise<Result<Revoked, RevokeRefusal>> {
  return inTransaction(db, async (trx): Promise<Result<Revoked, RevokeRefusal>> => {
    const res = await trx
      .updateTable("certificates")
      .set({ status: "revoked", revoked_at: input.now, revoked_reason: input.reason.trim() })
      .where("id", "=", input.certificateId)
      .where("status", "=", "valid")
      .executeTakeFirst();
    const row = await trx
      .selectFrom("certificates")
      .select(["serial", "status", "user_id", "program_id"])
      .where("id", "=", input.certificateId)
      .executeTakeFirst();
    if (!row) return refuse("notFound");
    if (Number(res.numUpdatedRows) === 1) {
      // The credential stops unlocking lab machines at once: future bookings that depend on it are cancelled.
      await onCredentialRevoked(trx, { userId: row.user_id, programId: row.program_id, now: input.now });
      await recordAudit(trx, {
        actor: input.actor,
        action: "certificate.revoked",
        subject: { type: "certificate", id: input.certificateId },
        details: { serial: row.serial, reason: input.reason.trim().slice(0, 200) },
        now: input.now,
      });
      return ok({ serial: row.serial, alreadyRevoked: false });
    }
    return settled(row);
  });
}

function settled(row: { serial: string; status: string }): Result<Revoked, RevokeRefusal> {
  if (row.status === "revoked") return ok({ serial: row.serial, alreadyRevoked: true });
  return refuse("superseded");
}

export type ReissueRefusal = "notFound" | "notValid";

/**
 * After a name correction: the old certificate becomes superseded (it still verifies, as such) and a new one with
 * a new serial and code carries the corrected name.
 */
export async function reissueCertificate(
  db: DB,
  input: { certificateId: number; recipientName?: string; issuedBy: number; now: string }
): Promise<Result<{ certificate: CertificateRow }, ReissueRefusal>> {
  return inTransaction(db, async (trx): Promise<Result<{ certificate: CertificateRow }, ReissueRefusal>> => {
    const old = await trx.selectFrom("certificates").selectAll().where("id", "=", input.certificateId).executeTakeFirst();
    if (!old) return refuse("notFound");
    const marked = await trx
      .updateTable("certificates")
      .set({ status: "superseded" })
      .where("id", "=", old.id)
      .where("status", "=", "valid")
      .executeTakeFirst();
    if (Number(marked.numUpdatedRows) !== 1) return refuse("notValid");
    const user = await trx.selectFrom("users").select("full_name").where("id", "=", old.user_id).executeTakeFirstOrThrow();
    const fresh = await insertCertificate(trx, {
      user_id: old.user_id,
      program_id: old.program_id,
      kind: old.kind,
      recipient_name: normaliseName(input.recipientName || user.full_name),
      program_title_vi: old.program_title_vi,
      program_title_en: old.program_title_en,
      hours: old.hours,
      issued_at: input.now,
      issuer_name: old.issuer_name,
      issuer_city: old.issuer_city,
      issued_by: input.issuedBy,
      source_ref: old.source_ref,
    }, input.now);
    if (!fresh) throw new Error("reissue: a live certificate appeared inside the transaction");
    await trx.updateTable("certificates").set({ superseded_by: fresh.id }).where("id", "=", old.id).execute();
    return ok({ certificate: fresh });
  });
}
