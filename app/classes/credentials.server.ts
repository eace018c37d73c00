// Generated secrets and names for class accounts: join codes, readable passwords, usernames from full names.
import { randomInt } from "node:crypto";
import { foldText } from "~/lib/text";

/** No 0/O, 1/I/L: a code read aloud or copied from a projector cannot be mistyped between look-alikes. */
export const JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
export const JOIN_CODE_LENGTH = 8;

function randomString(alphabet: string, length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

export function generateJoinCode(): string {
  return randomString(JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH);
}

/** What a student typed ("abcd efgh", "ABCD-EFGH") → the stored form, or null when it cannot be a code. */
export function normaliseJoinCode(input: string): string | null {
  const code = input.toUpperCase().replace(/[\s-]+/g, "");
  if (code.length < 6 || code.length > 8) return null;
  for (const ch of code) if (!JOIN_CODE_ALPHABET.includes(ch)) return null;
  return code;
}

/**
 * Lower-case letters and digits without look-alikes, in three groups of four ("k7mp-x3ra-q9td"): a child
 * copies four characters at a time from the card. 12 characters of 31 are ~59.4 bits (the earlier 10 ungrouped
 * characters were ~49.5); the hyphens are part of the password.
 */
export const PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
export const PASSWORD_GROUPS = 3;
export const PASSWORD_GROUP_LENGTH = 4;
export const PASSWORD_LENGTH = PASSWORD_GROUPS * PASSWORD_GROUP_LENGTH;

export function generateReadablePassword(): string {
  return Array.from({ length: PASSWORD_GROUPS }, () => randomString(PASSWORD_ALPHABET, PASSWORD_GROUP_LENGTH)).join("-");
}

/**
 * "Nguyễn Thị Phương Thảo" → "thao.ntp": the given name (the last word) and the initials of the others,
 * without diacritics (đ → d). Anything else than a–z and 0–9 is dropped; an empty result becomes "hocsinh".
 */
export function usernameBase(fullName: string): string {
  const words = foldText(fullName)
    .split(" ")
    .map((w) => w.replace(/[^a-z0-9]/g, ""))
    .filter(Boolean);
  if (words.length === 0) return "hocsinh";
  const given = words[words.length - 1].slice(0, 20);
  const initials = words
    .slice(0, -1)
    .map((w) => w[0])
    .join("")
    .slice(0, 6);
  return initials ? `${given}.${initials}` : given;
}

/** The n-th candidate for a base: "thao.ntp", "thao.ntp2", "thao.ntp3", … */
export function usernameCandidate(base: string, n: number): string {
  return n <= 1 ? base : `${base}${n}`;
}

/**
 * Picks a free username per name, given the usernames already taken that start with each base.
 * Pure: the caller loads `taken` (one query) inside the transaction that inserts the users.
 */
export function allocateUsernames(fullNames: string[], taken: Iterable<string>): string[] {
  const used = new Set(taken);
  return fullNames.map((name) => {
    const base = usernameBase(name);
    let n = 1;
    while (used.has(usernameCandidate(base, n))) n++;
    const chosen = usernameCandidate(base, n);
    used.add(chosen);
    return chosen;
  });
}
