// Fresh databases for tests on either store. SQLite: an in-memory database. PostgreSQL: a new database on the
// server named by TEST_PG_URL (created here, dropped by the caller), so every test file has its own.
import crypto from "node:crypto";
import pg from "pg";

export type TestStore = "sqlite" | "postgres";

export const testStore: TestStore = process.env.STEMHUB_TEST_STORE === "postgres" ? "postgres" : "sqlite";

/** The server the PostgreSQL half of the suite uses (any database on it; test databases are created beside it). */
export const TEST_PG_URL = process.env.TEST_PG_URL || "postgres://postgres@127.0.0.1:5432/test";

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_PG_URL });
  try {
    await client.connect();
  } catch (e) {
    throw new Error(
      `The PostgreSQL half of the tests needs a server at ${TEST_PG_URL} (${(e as Error).message}). ` +
        "Start it (pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start) or set TEST_PG_URL.",
    );
  }
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Creates an empty PostgreSQL database and returns its URL and a function that drops it. */
export async function createPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `stemhub_t_${process.pid}_${crypto.randomBytes(4).toString("hex")}`;
  await admin((c) => c.query(`create database ${name}`));
  return {
    url: withDatabase(TEST_PG_URL, name),
    drop: () => admin((c) => c.query(`drop database if exists ${name} with (force)`)).then(() => undefined),
  };
}
