// Public verification: throttled per IP, the same "not found" for malformed and unknown codes.
import type { Locale } from "~/i18n";
import { localized } from "~/i18n/localized";
import type { DB } from "~/lib/db.server";
import { consumeThrottle, type ThrottleRule } from "~/lib/throttle.server";
import { ok, refuse, type Result } from "~/lib/result";
import { isWellFormedCode } from "./codes.server";
import { getCertificateByCode, type CertificateRecord } from "./queries.server";

export const VERIFY_LIMIT: ThrottleRule = { bucket: "certificate-verify", max: 60, windowMs: 60_000 };

export type VerifyRefusal = "throttled";

/**
 * The certificate with this code, or null for an unknown or malformed code (the same answer for both).
 * Refused when this client has looked up too many codes in the last minute.
 */
export async function lookUpForVerification(
  db: DB,
  input: { code: string; clientIp: string; now: string },
): Promise<Result<CertificateRecord | null, VerifyRefusal>> {
  // Every look-up counts, reserved atomically before the query.
  if (!(await consumeThrottle(db, VERIFY_LIMIT, input.clientIp, input.now)).allowed) return refuse("throttled");
  if (!isWellFormedCode(input.code)) return ok(null);
  return ok(await getCertificateByCode(db, input.code));
}

/** Only what a verifier needs; nothing else about the person (no user id, email or account). */
export function publicView(c: CertificateRecord) {
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

/** The verification page's view: the public data and the program's title in the reader's language. */
export function verificationView(c: CertificateRecord, locale: Locale): PublicCertificate & { programTitle: string } {
  return { ...publicView(c), programTitle: localized(c, "program_title", locale) };
}
