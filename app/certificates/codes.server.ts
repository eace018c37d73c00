// Verification codes and serial numbers.
import crypto from "node:crypto";

/** 16 random bytes = 128 bits, base64url without padding: 22 characters of [A-Za-z0-9_-]. */
export const CODE_BYTES = 16;
export const CODE_PATTERN = /^[A-Za-z0-9_-]{22}$/;

export function newVerificationCode(): string {
  return crypto.randomBytes(CODE_BYTES).toString("base64url");
}

export function isWellFormedCode(code: string): boolean {
  return CODE_PATTERN.test(code);
}

/** STEM-2026-000123 */
export function formatSerial(year: number, value: number): string {
  return `STEM-${year}-${String(value).padStart(6, "0")}`;
}

/** The year of an ISO instant in Vietnam (UTC+7, no daylight saving): serials count per local calendar year. */
export function vietnamYear(iso: string): number {
  return new Date(Date.parse(iso) + 7 * 3600_000).getUTCFullYear();
}
