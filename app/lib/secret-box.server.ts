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

const derivedKeys = new Map<string, Buffer>();
/** A 256-bit key derived (HKDF-SHA-256) from a configured secret, one per purpose, so one secret never keys two uses. */
function derivedKey(material: string, purpose: string): Buffer {
  const id = `${purpose}\u0000${material}`;
  let found = derivedKeys.get(id);
  if (!found) {
    found = Buffer.from(hkdfSync("sha256", material, "stem-hub", purpose, 32));
    derivedKeys.set(id, found);
  }
  return found;
}

const b64 = (b: Buffer) => b.toString("base64url");

/**
 * The one sealing routine of the house (TOTP seeds, the certificate issuer's private keys): "v1:<nonce>.<ciphertext>.<tag>"
 * (base64url) under the key derived from `material` for `purpose`, bound to `context` (e.g. "two_factor:42").
 */
export function sealWithKey(material: string, purpose: string, plain: string, context: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", derivedKey(material, purpose), iv);
  cipher.setAAD(Buffer.from(context, "utf8"));
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return `${PREFIX}${b64(iv)}.${b64(body)}.${b64(cipher.getAuthTag())}`;
}

/** The plain text of a sealed value, or null when it does not open (another key, another context, tampered, not sealed). */
export function openWithKey(material: string, purpose: string, stored: string, context: string): string | null {
  if (!isSealed(stored)) return null;
  const [iv, body, tag] = stored.slice(PREFIX.length).split(".");
  if (!iv || body === undefined || !tag) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", derivedKey(material, purpose), Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(context, "utf8"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}

const TOTP_PURPOSE = "totp-secret v1";
const totpMaterial = () => (process.env.TOTP_ENCRYPTION_KEY ?? "").trim() || DEV_KEY_MATERIAL;

/** A TOTP seed sealed under TOTP_ENCRYPTION_KEY, bound to `context` (e.g. "two_factor:42"). */
export function sealSecret(plain: string, context: string): string {
  return sealWithKey(totpMaterial(), TOTP_PURPOSE, plain, context);
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
  const plain = openWithKey(totpMaterial(), TOTP_PURPOSE, stored, context);
  return plain === null ? null : { plain, legacy: false };
}
