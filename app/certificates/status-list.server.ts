// The revocation Bitstring Status List (W3C Bitstring Status List v1.0): each certificate owns one position,
// allocated at issue from a counter row; a bit is 1 when the certificate is revoked or superseded. The list
// credential is rebuilt from the certificates table whenever it is asked for, so it is always current.
import type { DB } from "~/lib/db.server";

/** Bits per list: the spec's minimum (16 KB), which also gives group privacy to every holder. */
export const STATUS_LIST_LENGTH = 131_072;

/** Reserves `count` consecutive positions and returns the first. Call inside the issuing transaction. */
export async function allocateStatusIndices(db: DB, count: number): Promise<number> {
  const row = await db
    .insertInto("credential_status_counter")
    .values({ id: 1, last_value: count })
    .onConflict((oc) => oc.column("id").doUpdateSet((eb) => ({ last_value: eb("credential_status_counter.last_value", "+", count) })))
    .returning("last_value")
    .executeTakeFirstOrThrow();
  return row.last_value - count + 1;
}

/** Which list (1, 2, …) and which bit in it a global position is. */
export function statusPosition(statusIndex: number): { list: number; index: number } {
  return { list: Math.floor(statusIndex / STATUS_LIST_LENGTH) + 1, index: statusIndex % STATUS_LIST_LENGTH };
}

export function statusListUrl(origin: string, list: number): string {
  return `${origin}/credentials/status/${list}`;
}

/** The credentialStatus entry a certificate carries. */
export function statusEntry(origin: string, statusIndex: number) {
  const { list, index } = statusPosition(statusIndex);
  const url = statusListUrl(origin, list);
  return {
    id: `${url}#${index}`,
    type: "BitstringStatusListEntry",
    statusPurpose: "revocation",
    statusListIndex: String(index),
    statusListCredential: url,
  };
}

/** The positions set in list `list` (revoked and superseded certificates): one range scan of the status index. */
export async function revokedPositions(db: DB, list: number): Promise<number[]> {
  const from = (list - 1) * STATUS_LIST_LENGTH;
  const rows = await db
    .selectFrom("certificates")
    .select("status_index")
    .where("status", "in", ["revoked", "superseded"])
    .where("status_index", ">=", from)
    .where("status_index", "<", from + STATUS_LIST_LENGTH)
    .execute();
  return rows.map((r) => Number(r.status_index) - from);
}

/** Whether list `list` exists: it holds at least one allocated position. */
export async function statusListExists(db: DB, list: number): Promise<boolean> {
  if (!Number.isInteger(list) || list < 1) return false;
  const row = await db.selectFrom("credential_status_counter").select("last_value").where("id", "=", 1).executeTakeFirst();
  return list <= statusPosition(Number(row?.last_value ?? 0)).list;
}

/** The unsigned BitstringStatusListCredential of list `list` (gzip + base64url, multibase "u" prefix). */
export async function statusListCredential(db: DB, input: { origin: string; issuer: string; list: number; now: string }) {
  const { createCredential, createList } = await import("@digitalbazaar/vc-bitstring-status-list");
  const bits = await createList({ length: STATUS_LIST_LENGTH });
  for (const i of await revokedPositions(db, input.list)) bits.setStatus(i, true);
  const credential = await createCredential({ id: statusListUrl(input.origin, input.list), list: bits, statusPurpose: "revocation" });
  return { ...credential, issuer: input.issuer, validFrom: input.now };
}
