// Configuration from the environment, read once. See README "Configuration".
import path from "node:path";

function flag(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === "") return fallback;
  return !["0", "false", "no", "off"].includes(value.trim().toLowerCase());
}

/** Development only: production start-up warns when CREDENTIAL_KEY_SECRET is not set. */
export const DEV_CREDENTIAL_KEY_SECRET = "stem-hub-development-credential-key-secret-not-for-production";

export const env = {
  databasePath: process.env.DATABASE_PATH || path.resolve("data", "stem-hub.db"),
  /** Uploaded files (lab resource photos): a folder the app may write to. */
  uploadsDir: process.env.UPLOADS_DIR || path.resolve("data", "uploads"),
  /** postgres://user@host:5432/db — when set, the app runs on PostgreSQL instead of the SQLite file. */
  databaseUrl: process.env.DATABASE_URL || "",
  /** Connections per app process in the PostgreSQL pool. */
  databasePoolSize: Math.max(1, Number(process.env.DATABASE_POOL_SIZE) || 10),
  /** e.g. https://stem.example.vn — makes the session cookie Secure and is printed on certificates. */
  publicOrigin: (process.env.PUBLIC_ORIGIN || "").replace(/\/+$/, ""),
  /** Demo data is loaded into an empty database unless this is switched off (real deployments). */
  seedDemoData: flag(process.env.SEED_DEMO_DATA, true),
  /** SEED_DEMO_DATA=true written out (not just the default): needed to load demo data behind an https origin. */
  seedDemoDataExplicit: flag(process.env.SEED_DEMO_DATA, false),
  isProduction: process.env.NODE_ENV === "production",
  /** smtp://user:pass@host:587 (or smtps://…:465). Empty: e-mail is produced and kept on /staff/outbox only. */
  smtpUrl: process.env.SMTP_URL || "",
  /** The From of every message, e.g. "Trung tâm STEM <no-reply@stem.example.vn>". */
  mailFrom: process.env.MAIL_FROM || "STEM Hub <no-reply@stem-hub.local>",
  /** Where replies go (the centre's desk); defaults to MAIL_FROM. */
  mailReplyTo: process.env.MAIL_REPLY_TO || "",
  /** The sender loop runs in the server process unless switched off (MAIL_SENDER=off, e.g. for a web-only node). */
  mailSender: flag(process.env.MAIL_SENDER, true),
  /** How often the sender loop looks for due messages and reminders (ms). */
  mailPollMs: Math.max(200, Number(process.env.MAIL_POLL_MS) || 5000),
  /**
   * Encrypts the certificate signing keys stored in the database (issuer_keys). Set a long random value in
   * production and back it up with the database: without it the stored keys cannot be used.
   */
  credentialKeySecret: process.env.CREDENTIAL_KEY_SECRET || DEV_CREDENTIAL_KEY_SECRET,
  credentialKeySecretIsDefault: !process.env.CREDENTIAL_KEY_SECRET,
};

/**
 * The address printed on certificates, login cards and join links: the configured public origin (it must not
 * depend on how staff reached the server), else this request's.
 */
export function siteOrigin(request: Request): string {
  return env.publicOrigin || new URL(request.url).origin;
}

export function isSecureOrigin(): boolean {
  return env.publicOrigin.startsWith("https://");
}
