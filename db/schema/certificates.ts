// Tables of the certificates capability (db/migrations/0006_certificates.ts).
import type { Generated, Selectable } from "kysely";

export type CertificateKind = "course" | "workshop" | "tour";
export type CertificateStatus = "valid" | "revoked" | "superseded";

export interface CertificatesTable {
  id: Generated<number>;
  /** Human serial, e.g. STEM-2026-000123 (sequential per year). */
  serial: string;
  /** Verification code: 128 random bits, base64url (22 characters). */
  code: string;
  user_id: number;
  program_id: number;
  kind: CertificateKind;
  recipient_name: string;
  program_title_vi: string;
  program_title_en: string | null;
  hours: number | null;
  issued_at: string;
  issuer_name: string;
  issuer_city: string;
  status: Generated<CertificateStatus>;
  revoked_at: string | null;
  revoked_reason: string | null;
  superseded_by: number | null;
  issued_by: number | null;
  source_ref: string | null;
  search_text: Generated<string>;
  created_at: string;
  /** Position in the revocation Bitstring Status List (unique; set at issue; migration 0022 backfilled old rows). */
  status_index: number | null;
}

export interface CertificateSerialsTable {
  year: number;
  last_value: Generated<number>;
}

export type IssuerKeyState = "active" | "rotated" | "withdrawn";

/** The issuer's Ed25519 signing keys (migration 0022). */
export interface IssuerKeysTable {
  id: Generated<number>;
  key_id: string;
  public_key_multibase: string;
  /** v1.<iv>.<tag>.<ciphertext> (base64url), AES-256-GCM under a key derived from CREDENTIAL_KEY_SECRET. */
  secret_key_encrypted: string;
  state: Generated<IssuerKeyState>;
  created_at: string;
  rotated_at: string | null;
  withdrawn_at: string | null;
}

export interface CredentialStatusCounterTable {
  id: number;
  last_value: Generated<number>;
}

export interface CertificatesTables {
  certificates: CertificatesTable;
  certificate_serials: CertificateSerialsTable;
  issuer_keys: IssuerKeysTable;
  credential_status_counter: CredentialStatusCounterTable;
}

export type CertificateRow = Selectable<CertificatesTable>;
