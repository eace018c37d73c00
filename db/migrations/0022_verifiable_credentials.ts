// Verifiable certificates (issue 18): the centre's signing keys, and one Bitstring Status List index per certificate.
// Frozen once released: Kysely<any>, no imports from app/. Times are ISO-8601 UTC text.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  // Ed25519 keys of the issuer's did:web. The secret key is stored encrypted (AES-256-GCM, key derived from
  // CREDENTIAL_KEY_SECRET). state: active (signs; exactly one), rotated (kept in the DID document so credentials it
  // signed still verify), withdrawn (removed from the DID document: what it signed no longer verifies).
  await db.schema
    .createTable("issuer_keys")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    // The DID URL fragment, e.g. key-20261130-3f9a1c: the verification method is <did>#<key_id>.
    .addColumn("key_id", "text", (c) => c.notNull().unique())
    .addColumn("public_key_multibase", "text", (c) => c.notNull())
    .addColumn("secret_key_encrypted", "text", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull().defaultTo("active"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("rotated_at", "text")
    .addColumn("withdrawn_at", "text")
    .addCheckConstraint("issuer_keys_state_check", sql`state in ('active','rotated','withdrawn')`)
    .execute();
  // At most one active key: two processes generating the first key at once cannot both win.
  await db.schema
    .createIndex("issuer_keys_active_unique")
    .on("issuer_keys")
    .column("state")
    .unique()
    .where(sql.ref("state"), "=", "active")
    .execute();

  // The status list position of each certificate (global; list n holds positions (n-1)*131072 … n*131072-1).
  await db.schema.alterTable("certificates").addColumn("status_index", "integer").execute();
  // Existing certificates get their id as position (ids are unique and positive).
  await sql`update certificates set status_index = id where status_index is null`.execute(db);
  await db.schema.createIndex("certificates_status_index_unique").on("certificates").column("status_index").unique().execute();
  // The status list is built from the certificates that are not valid, in one indexed range scan.
  await db.schema.createIndex("certificates_status_list_idx").on("certificates").columns(["status", "status_index"]).execute();

  // One counter row: new positions are allocated by UPDATE … RETURNING inside the issuing transaction.
  await db.schema
    .createTable("credential_status_counter")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("last_value", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`insert into credential_status_counter (id, last_value) select 1, coalesce(max(status_index), 0) from certificates`.execute(db);
}

export async function down(): Promise<void> {
  // Forward-only: migrations are never rolled back.
}
