// Public verification: throttled per IP, the same "not found" for malformed and unknown codes.
import type { DB } from "~/lib/db.server";
import { isLimited, recordEvent, type Limit } from "~/lib/rate-limit.server";
import { isWellFormedCode } from "./codes.server";
import { getCertificateByCode, type CertificateView } from "./queries.server";

export const VERIFY_LIMIT: Limit = { bucket: "certificate-verify", max: 60, windowMs: 60_000 };

export type VerifyLookup = { status: "found"; certificate: CertificateView } | { status: "notFound" } | { status: "throttled" };

export async function lookUpForVerification(db: DB, rawCode: string, clientIp: string): Promise<VerifyLookup> {
  if (await isLimited(db, VERIFY_LIMIT, clientIp)) return { status: "throttled" };
  await recordEvent(db, VERIFY_LIMIT, clientIp);
  if (!isWellFormedCode(rawCode)) return { status: "notFound" };
  const certificate = await getCertificateByCode(db, rawCode);
  return certificate ? { status: "found", certificate } : { status: "notFound" };
}

/** Only what a verifier needs; nothing else about the person (no user id, email or account). */
export function publicView(c: CertificateView) {
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
    revokedAt: c.status === "revoked" ? c.revoked_at : null,
    revokedReason: c.status === "revoked" ? c.revoked_reason : null,
  };
}

export type PublicCertificate = ReturnType<typeof publicView>;
