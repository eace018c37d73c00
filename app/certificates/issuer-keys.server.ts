// The centre's issuer identity for verifiable certificates: a did:web for the public origin and its Ed25519 keys.
// Keys live in the database (issuer_keys), the secret half encrypted with AES-256-GCM under a key derived (HKDF-SHA256)
// from CREDENTIAL_KEY_SECRET. The first key is generated on first use; rotation keeps old keys in the DID document
// so what they signed still verifies; a withdrawn key (compromised) leaves the DID document.
import { randomBytes } from "node:crypto";
import type { IssuerKeyState } from "#db/schema";
import { recordAudit, type Actor } from "~/lib/audit.server";
import { inTransaction, type DB } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { ok, refuse, type Result } from "~/lib/result";
import { openWithKey, sealWithKey } from "~/lib/secret-box.server";

/** did:web for an origin: the host, with a port's ":" percent-encoded (did:web method spec). */
export function didForOrigin(origin: string): string {
  const u = new URL(origin);
  const path = u.pathname.replace(/\/+$/, "");
  const segments = path ? path.split("/").filter(Boolean).map(encodeURIComponent) : [];
  return ["did:web", encodeURIComponent(u.host), ...segments].join(":");
}

// Sealed with the house's one routine (app/lib/secret-box.server.ts) under CREDENTIAL_KEY_SECRET, bound to the table.
const ISSUER_KEY_PURPOSE = "issuer-keys v1";
const ISSUER_KEY_CONTEXT = "issuer_keys";

export function encryptSecret(plain: string, secret = env.credentialKeySecret): string {
  return sealWithKey(secret, ISSUER_KEY_PURPOSE, plain, ISSUER_KEY_CONTEXT);
}

export function decryptSecret(stored: string, secret = env.credentialKeySecret): string {
  const plain = openWithKey(secret, ISSUER_KEY_PURPOSE, stored, ISSUER_KEY_CONTEXT);
  if (plain === null) {
    throw new Error("issuer key: cannot decrypt the signing key (is CREDENTIAL_KEY_SECRET the one it was stored with?)");
  }
  return plain;
}

export interface PublicIssuerKey {
  keyId: string;
  publicKeyMultibase: string;
  state: IssuerKeyState;
  createdAt: string;
}

// Loaded with the first signature, not when the server starts (cold start, issue 17).
const ed25519 = () => import("@digitalbazaar/ed25519-multikey");

function newKeyId(now: string): string {
  return `key-${now.slice(0, 10).replace(/-/g, "")}-${randomBytes(3).toString("hex")}`;
}

async function insertNewKey(db: DB, now: string): Promise<boolean> {
  const pair = await (await ed25519()).generate();
  const exported = await pair.export({ publicKey: true, secretKey: true });
  const res = await db
    .insertInto("issuer_keys")
    .values({
      key_id: newKeyId(now),
      public_key_multibase: exported.publicKeyMultibase,
      secret_key_encrypted: encryptSecret(exported.secretKeyMultibase),
      state: "active",
      created_at: now,
    })
    // Another process made the first key at the same moment: its key is the one.
    .onConflict((oc) => oc.doNothing())
    .returning("id")
    .executeTakeFirst();
  return res !== undefined;
}

/** The active signing key, generated on first use. */
async function activeKeyRow(db: DB, now: string) {
  const find = () => db.selectFrom("issuer_keys").selectAll().where("state", "=", "active").executeTakeFirst();
  const found = await find();
  if (found) return found;
  await insertNewKey(db, now);
  const made = await find();
  if (!made) throw new Error("issuer key: no active key after generating one");
  return made;
}

/** A key pair that can sign, for the DID of this origin. */
export async function activeSigningKey(db: DB, input: { origin: string; now: string }) {
  const row = await activeKeyRow(db, input.now);
  const controller = didForOrigin(input.origin);
  return (await ed25519()).from({
    id: `${controller}#${row.key_id}`,
    controller,
    publicKeyMultibase: row.public_key_multibase,
    secretKeyMultibase: decryptSecret(row.secret_key_encrypted),
  });
}

/** Keys a verifier may use: active and rotated, oldest first (withdrawn keys are left out). */
export async function verificationKeys(db: DB): Promise<PublicIssuerKey[]> {
  const rows = await db
    .selectFrom("issuer_keys")
    .select(["key_id", "public_key_multibase", "state", "created_at"])
    .where("state", "in", ["active", "rotated"])
    .orderBy("id")
    .execute();
  return rows.map((r) => ({ keyId: r.key_id, publicKeyMultibase: r.public_key_multibase, state: r.state, createdAt: r.created_at }));
}

/** The DID document served at /.well-known/did.json: every key that may have signed a live credential. */
export async function didDocument(db: DB, input: { origin: string; now: string }) {
  await activeKeyRow(db, input.now);
  const did = didForOrigin(input.origin);
  const keys = await verificationKeys(db);
  const methods = keys.map((k) => ({
    id: `${did}#${k.keyId}`,
    type: "Multikey",
    controller: did,
    publicKeyMultibase: k.publicKeyMultibase,
  }));
  return {
    "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
    id: did,
    verificationMethod: methods,
    assertionMethod: methods.map((m) => m.id),
  };
}

/** A new active key; the previous one becomes rotated (still in the DID document). */
export async function rotateIssuerKey(db: DB, input: { actor: Actor; now: string }): Promise<{ keyId: string; previous: string | null }> {
  const now = input.now;
  return inTransaction(db, async (trx) => {
    const old = await trx.selectFrom("issuer_keys").select(["id", "key_id"]).where("state", "=", "active").executeTakeFirst();
    if (old) await trx.updateTable("issuer_keys").set({ state: "rotated", rotated_at: now }).where("id", "=", old.id).execute();
    if (!(await insertNewKey(trx, now))) throw new Error("issuer key: rotation raced with another rotation");
    const fresh = await trx.selectFrom("issuer_keys").select("key_id").where("state", "=", "active").executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actor: input.actor,
      action: "certificate.keyRotated",
      subject: { type: "issuer_key", id: fresh.key_id },
      details: { previous: old?.key_id ?? null },
      now,
    });
    return { keyId: fresh.key_id, previous: old?.key_id ?? null };
  });
}

/**
 * Removes a rotated key from the DID document (it leaked): credentials it signed stop verifying and must be
 * downloaded again (they are re-signed with the active key). The active key cannot be withdrawn: rotate first.
 */
export async function withdrawIssuerKey(
  db: DB,
  input: { keyId: string; actor: Actor; now: string },
): Promise<Result<null, "notFound" | "active">> {
  return inTransaction(db, async (trx): Promise<Result<null, "notFound" | "active">> => {
    const row = await trx.selectFrom("issuer_keys").select(["id", "state"]).where("key_id", "=", input.keyId).executeTakeFirst();
    if (!row) return refuse("notFound");
    if (row.state === "active") return refuse("active");
    if (row.state === "withdrawn") return ok(null);
    await trx.updateTable("issuer_keys").set({ state: "withdrawn", withdrawn_at: input.now }).where("id", "=", row.id).execute();
    await recordAudit(trx, { actor: input.actor, action: "certificate.keyWithdrawn", subject: { type: "issuer_key", id: input.keyId }, now: input.now });
    return ok(null);
  });
}
