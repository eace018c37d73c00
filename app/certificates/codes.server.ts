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

/** STEM-2026-000123: serials count per calendar year in Vietnam (vnYear of the issue time). */
export function formatSerial(year: number, value: number): string {
  return `STEM-${year}-${String(value).padStart(6, "0")}`;
}
