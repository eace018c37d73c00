// The student card code's form (safe in the browser: the scanner and the schema use it). The code itself is made
// and looked up in cards.server.ts.

/** No 0/O, 1/I/L: read from a card and typed on a phone without look-alikes (the join codes' alphabet). */
export const CARD_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
export const CARD_CODE_LENGTH = 16;
/** QR alphanumeric mode (upper case, digits, "-" and ":"): a small, robust QR. */
export const CARD_QR_PREFIX = "STEMHUB-CARD:";

/**
 * What was scanned ("STEMHUB-CARD:ABCD…") or typed ("abcd-efgh jkmn pqrs") → the stored code, or null when it
 * cannot be a card code (another QR code, a typo of length).
 */
export function normaliseCardCode(input: string): string | null {
  let text = input.trim().toUpperCase();
  if (text.startsWith(CARD_QR_PREFIX)) text = text.slice(CARD_QR_PREFIX.length);
  const code = text.replace(/[\s-]+/g, "");
  if (code.length !== CARD_CODE_LENGTH) return null;
  for (const ch of code) if (!CARD_CODE_ALPHABET.includes(ch)) return null;
  return code;
}

/** "ABCDEFGHJKMNPQRS" → "ABCD-EFGH-JKMN-PQRS". */
export function formatCardCode(code: string): string {
  return code.match(/.{1,4}/g)?.join("-") ?? code;
}
