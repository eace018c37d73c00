// What the certificates pages receive: camelCase views built by the capability's read functions (queries.server.ts,
// dashboard.server.ts, verify.server.ts). Titles are in the reader's language, except on the certificate itself,
// which is printed in both. Types only: safe for client and server.
import type { CertificateKind, CertificateStatus, ProgramKind } from "#db/schema";

/** One of my certificates in my list. */
export interface MyCertificate {
  id: number;
  serial: string;
  kind: CertificateKind;
  status: CertificateStatus;
  title: string;
  issuedAt: string;
  verifyUrl: string;
}

/** The certificate as printed (HTML twin of the PDF): bilingual, so both titles. */
export interface CertificateSheetData {
  serial: string;
  kind: CertificateKind;
  status: CertificateStatus;
  recipientName: string;
  programTitleVi: string;
  programTitleEn: string | null;
  hours: number | null;
  issuedAt: string;
  issuerName: string;
  issuerCity: string;
}

export interface CertificatePageView {
  certificate: CertificateSheetData & { id: number; revokedAt: string | null; revokedReason: string | null };
  verifyUrl: string;
  /** The QR code of verifyUrl, as a PNG data URL. */
  qr: string;
  issuerNameEn: string;
}

/** A row of the staff list. */
export interface StaffCertificateRow {
  id: number;
  serial: string;
  code: string;
  kind: CertificateKind;
  status: CertificateStatus;
  recipientName: string;
  /** The holder's email, else their username. */
  login: string | null;
  title: string;
  issuedAt: string;
  revokedAt: string | null;
  revokedReason: string | null;
}

/** A program staff may certify by hand. */
export interface CertifiableProgram {
  id: number;
  kind: ProgramKind;
  title: string;
}

/** A class and a program its members hold valid certificates for, with how many. */
export interface ClassCertificateGroup {
  classId: number;
  className: string;
  programId: number;
  title: string;
  count: number;
}
