// Secrets the server must read back (TOTP seeds) are stored encrypted (ASVS 11.x / 6.5): AES-256-GCM from
// node:crypto with a random 96-bit nonce, the row it belongs to as associated data (a value copied onto another
// account does not open), and a format marker "v1:" so that a later key or algorithm can sit beside it. The key is
// derived (HKDF-SHA-256) from TOTP_ENCRYPTION_KEY; without it a fixed development key is used and the server warns
// at start behind an https PUBLIC_ORIGIN (README "Configuration"). Values without the marker are legacy plain text:
// `openSecret` returns them as they are and says so, and the caller re-seals them (encrypted on next use).
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

const PREFIX = "v1:";
const DEV_KEY_MATERIAL = "stem-hub development key: set TOTP_ENCRYPTION_KEY in production";

/** True when the key comes from TOTP_ENCRYPTION_KEY (not the development default). */
export function hasConfiguredSecretKey(): boolean {
  return (process.env.TOTP_ENCRYPTION_KEY ?? "").trim().length > 0;
}

let cached: { material: string; key: Buffer } | null = null;
function key(): Buffer {
  const material = (process.env.TOTP_ENCRYPTION_KEY ?? "").trim() || DEV_KEY_MATERIAL;
  if (cached?.material !== material) {
    cached = { material, key: Buffer.from(hkdfSync("sha256", material, "stem-hub", "totp-secret v1", 32)) };
  }
  return cached.key;
}

const b64 = (b: Buffer) => b.toString("base64url");

/** "v1:<nonce>.<ciphertext>.<tag>" (base64url), bound to `context` (e.g. "two_factor:42"). */
export function sealSecret(plain: string, context: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  cipher.setAAD(Buffer.from(context, "utf8"));
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return `${PREFIX}${b64(iv)}.${b64(body)}.${b64(cipher.getAuthTag())}`;
}

export function isSealed(stored: string): boolean {
  return stored.startsWith(PREFIX);
}

/**
 * The plain secret, and whether it was stored as legacy plain text (to be re-sealed). A sealed value that does not
 * open (another key, another row, tampered) is null: the caller treats it as no secret.
 */
export function openSecret(stored: string, context: string): { plain: string; legacy: boolean } | null {
  if (!isSealed(stored)) return { plain: stored, legacy: true };
  const [iv, body, tag] = stored.slice(PREFIX.length).split(".");
  if (!iv || body === undefined || !tag) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(context, "utf8"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return { plain: Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8"), legacy: false };
  } catch {
    return null;
  }
}
