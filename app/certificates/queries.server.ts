// Reading certificates: the owner's list, one certificate for its owner or staff, staff search, class printing.
// Ownership is part of each query, so a forgotten check returns nothing rather than someone else's certificate.
import { sql } from "kysely";
import type { SessionUser } from "~/auth/roles";
import { isStaff } from "~/auth/roles";
import type { Locale } from "~/i18n";
import { localized } from "~/i18n/localized";
import type { DB } from "~/lib/db.server";
import { nearerEnd } from "~/lib/paging";
import { foldText, escapeLike } from "~/lib/text";
import { ISSUER } from "./issuer";
import { qrDataUrl } from "./qr.server";
import { verificationUrl } from "./urls.server";
import type { CertificatePageView, CertificateSheetData, ClassCertificateGroup, MyCertificate, StaffCertificateRow } from "./views";

export const CERTIFICATE_COLUMNS = [
  "c.id",
  "c.serial",
  "c.code",
  "c.user_id",
  "c.program_id",
  "c.kind",
  "c.recipient_name",
  "c.program_title_vi",
  "c.program_title_en",
  "c.hours",
  "c.issued_at",
  "c.issuer_name",
  "c.issuer_city",
  "c.status",
  "c.revoked_at",
  "c.revoked_reason",
  "c.superseded_by",
  "c.status_index",
] as const;

export const MY_PAGE_SIZE = 20;

/** A page of my certificates, newest first, each with its public verification address (origin: siteOrigin). */
export async function listMyCertificates(
  db: DB,
  input: { userId: number; page: number; origin: string; locale: Locale },
): Promise<{ items: MyCertificate[]; hasMore: boolean }> {
  const rows = await db
    .selectFrom("certificates as c")
    .select(CERTIFICATE_COLUMNS)
    .where("c.user_id", "=", input.userId)
    .orderBy("c.issued_at", "desc")
    .orderBy("c.id", "desc")
    .limit(MY_PAGE_SIZE + 1)
    .offset((input.page - 1) * MY_PAGE_SIZE)
    .execute();
  const items = rows.slice(0, MY_PAGE_SIZE).map((c) => ({
    id: c.id,
    serial: c.serial,
    kind: c.kind,
    status: c.status,
    title: localized(c, "program_title", input.locale),
    issuedAt: c.issued_at,
    verifyUrl: verificationUrl(input.origin, c.code),
  }));
  return { items, hasMore: rows.length > MY_PAGE_SIZE };
}

/** One certificate for its owner or for staff; anyone else gets null (the route answers 404). */
export async function getCertificateForViewer(db: DB, id: number, viewer: Pick<SessionUser, "id" | "role">) {
  let q = db.selectFrom("certificates as c").select(CERTIFICATE_COLUMNS).where("c.id", "=", id);
  if (!isStaff(viewer)) q = q.where("c.user_id", "=", viewer.id);
  return (await q.executeTakeFirst()) ?? null;
}

export async function getCertificateByCode(db: DB, code: string) {
  return (await db.selectFrom("certificates as c").select(CERTIFICATE_COLUMNS).where("c.code", "=", code).executeTakeFirst()) ?? null;
}

/** A certificate as stored (the PDF and the views are drawn from it). */
export type CertificateRecord = NonNullable<Awaited<ReturnType<typeof getCertificateByCode>>>;

export function sheetOf(c: CertificateRecord): CertificateSheetData {
  return {
    serial: c.serial,
    kind: c.kind,
    status: c.status,
    recipientName: c.recipient_name,
    programTitleVi: c.program_title_vi,
    programTitleEn: c.program_title_en,
    hours: c.hours,
    issuedAt: c.issued_at,
    issuerName: c.issuer_name,
    issuerCity: c.issuer_city,
  };
}

/** The certificate page for its owner or staff (null for anyone else): the sheet, its address and its QR code. */
export async function loadCertificatePage(
  db: DB,
  input: { id: number; viewer: Pick<SessionUser, "id" | "role">; origin: string },
): Promise<CertificatePageView | null> {
  const c = await getCertificateForViewer(db, input.id, input.viewer);
  if (!c) return null;
  const verifyUrl = verificationUrl(input.origin, c.code);
  return {
    certificate: { ...sheetOf(c), id: c.id, revokedAt: c.revoked_at, revokedReason: c.revoked_reason },
    verifyUrl,
    qr: await qrDataUrl(verifyUrl),
    issuerNameEn: ISSUER.nameEn,
  };
}

export const STAFF_PAGE_SIZE = 25;

/** Staff list: newest first, filtered by folded free text (name, serial, program) and status. */
export async function searchCertificates(
  db: DB,
  input: { q?: string; status?: "valid" | "revoked" | "superseded"; page: number; locale: Locale },
): Promise<{ rows: StaffCertificateRow[]; total: number; pages: number }> {
  let base = db.selectFrom("certificates as c");
  const folded = foldText(input.q ?? "");
  if (folded) {
    for (const word of folded.split(" ")) {
      // Typed % and _ are literal characters, not wildcards.
      const pattern = `%${escapeLike(word)}%`;
      base = base.where(sql<boolean>`c.search_text like ${pattern} escape '\\'`);
    }
  }
  if (input.status) base = base.where("c.status", "=", input.status);
  const count = Number((await base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
  // A page's ids are picked from the issue-time index (by status: migration 0029), from the nearer end of the order
  // (~/lib/paging), and only they are joined to their owners: a deep page costs a walk over index entries, not a
  // join per skipped certificate.
  const window = nearerEnd({ offset: (input.page - 1) * STAFF_PAGE_SIZE, limit: STAFF_PAGE_SIZE }, count);
  const dir = window.fromEnd ? "asc" : "desc";
  const page = base.select("c.id").orderBy("c.issued_at", dir).orderBy("c.id", dir).limit(window.limit).offset(window.offset);
  const rows = await db
    .selectFrom(page.as("pg"))
    .crossJoin("certificates as c")
    .whereRef("c.id", "=", "pg.id")
    .innerJoin("users as u", "u.id", "c.user_id")
    .select([...CERTIFICATE_COLUMNS, "u.email", "u.username"])
    .orderBy("c.issued_at", "desc")
    .orderBy("c.id", "desc")
    .execute();
  return {
    rows: rows.map((c) => ({
      id: c.id,
      serial: c.serial,
      code: c.code,
      kind: c.kind,
      status: c.status,
      recipientName: c.recipient_name,
      login: c.email ?? c.username,
      title: localized(c, "program_title", input.locale),
      issuedAt: c.issued_at,
      revokedAt: c.revoked_at,
      revokedReason: c.revoked_reason,
    })),
    total: count,
    pages: Math.max(1, Math.ceil(count / STAFF_PAGE_SIZE)),
  };
}

/** True when the user teaches the class (owner or co-teacher). */
export async function teachesClass(db: DB, teacherId: number, classId: number): Promise<boolean> {
  const row = await db
    .selectFrom("class_teachers")
    .select("class_id")
    .where("class_id", "=", classId)
    .where("teacher_id", "=", teacherId)
    .executeTakeFirst();
  return !!row;
}

/**
 * What a class's teachers may see of a member's certificates (the rule of app/classes/visibility.server.ts): only
 * for the class's own activities (its courses, the programs of its sessions, its completed tours) and only issued
 * since the member joined. Written against the aliases `cm` (class_members) and `c` (certificates).
 */
const OF_CLASS_ACTIVITY = sql<boolean>`(exists (select 1 from class_courses xc where xc.class_id = cm.class_id and xc.program_id = c.program_id)
  or exists (select 1 from class_sessions xs inner join workshop_sessions ws on ws.id = xs.session_id where xs.class_id = cm.class_id and ws.program_id = c.program_id)
  or exists (select 1 from tour_bookings xb where xb.class_id = cm.class_id and xb.program_id = c.program_id and xb.status = 'completed'))`;

/** Valid certificates of one program held by the members of a class (as its teachers may see them), sorted for printing by the caller. */
export async function classCertificates(db: DB, input: { classId: number; programId: number }) {
  return db
    .selectFrom("class_members as cm")
    .innerJoin("certificates as c", (j) =>
      j.onRef("c.user_id", "=", "cm.student_id").on("c.program_id", "=", input.programId).on("c.status", "=", "valid")
    )
    .select(CERTIFICATE_COLUMNS)
    .where("cm.class_id", "=", input.classId)
    .whereRef("c.issued_at", ">=", "cm.created_at")
    .where(OF_CLASS_ACTIVITY)
    .execute();
}

/**
 * Classes with the programs their members hold valid certificates for (one query): every class of a teacher,
 * or one class, titled in the reader's language. The caller has checked that the viewer may see the class.
 */
export async function classCertificateSummary(
  db: DB,
  scope: { teacherId: number } | { classId: number },
  locale: Locale,
): Promise<ClassCertificateGroup[]> {
  // The classes and their members first, then each member's certificates by user (CROSS JOIN keeps that order on
  // SQLite; PostgreSQL plans it as the inner join it is): otherwise SQLite, without statistics, reads every valid
  // certificate of the centre (the teacher's /dashboard was 20× slower at 100,000 students, issue 17).
  let q = db.selectFrom("classes as k");
  if ("teacherId" in scope) {
    q = q
      .innerJoin("class_teachers as ct", "ct.class_id", "k.id")
      .where("ct.teacher_id", "=", scope.teacherId)
      .where("k.archived_at", "is", null);
  } else {
    q = q.where("k.id", "=", scope.classId);
  }
  const grouped = q
    .innerJoin("class_members as cm", "cm.class_id", "k.id")
    .crossJoin("certificates as c")
    .whereRef("c.user_id", "=", "cm.student_id")
    .where("c.status", "=", "valid")
    .whereRef("c.issued_at", ">=", "cm.created_at")
    .where(OF_CLASS_ACTIVITY)
    .select((eb) => [
      "k.id as classId",
      "k.name as className",
      "c.program_id as programId",
      eb.fn.max("c.program_title_vi").as("titleVi"),
      eb.fn.max("c.program_title_en").as("titleEn"),
      eb.fn.countAll<number>().as("count"),
    ]);
  const rows = await grouped.groupBy(["k.id", "k.name", "c.program_id"]).orderBy("k.name").orderBy("c.program_id").execute();
  return rows.map((r) => ({
    classId: r.classId,
    className: r.className,
    programId: r.programId,
    title: localized({ title_vi: r.titleVi, title_en: r.titleEn }, "title", locale),
    count: Number(r.count),
  }));
}

/** For a teacher: each of their classes with the programs its members hold valid certificates for. */
export function teacherClassCertificateSummary(db: DB, teacherId: number, locale: Locale) {
  return classCertificateSummary(db, { teacherId }, locale);
}

/**
 * The learner's own certificate for completing a course (the one in force: valid, else the latest revoked),
 * with its secret code (for the verification address); null when none was issued.
 */
export async function getCourseCertificateOf(
  db: DB,
  input: { userId: number; programId: number },
): Promise<{ id: number; serial: string; status: "valid" | "revoked" | "superseded"; code: string } | null> {
  const rows = await db
    .selectFrom("certificates as c")
    .select(["c.id", "c.serial", "c.code", "c.status"])
    .where("c.user_id", "=", input.userId)
    .where("c.program_id", "=", input.programId)
    .where("c.kind", "=", "course")
    .where("c.status", "!=", "superseded")
    .orderBy("c.issued_at", "desc")
    .orderBy("c.id", "desc")
    .limit(5)
    .execute();
  const c = rows.find((r) => r.status === "valid") ?? rows[0];
  return c ? { id: c.id, serial: c.serial, status: c.status, code: c.code } : null;
}
