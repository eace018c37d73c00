// Fresh databases for tests on either store. SQLite: an in-memory database. PostgreSQL: a new database on the
// server named by TEST_PG_URL (created here, dropped by the caller), so every test file has its own.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import os from "node:os";
import { fileURLToPath } from "node:url";
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

export interface TestDatabase {
  url: string;
  drop: () => Promise<void>;
}

/**
 * Creates a test database (empty, or a copy of a template) whose commits do not wait for the WAL to reach the disk
 * (synchronous_commit = off): a test database is never recovered after a crash, and waiting for the disk was a
 * sixth of the PostgreSQL half's time.
 */
async function createTestDatabase(c: pg.Client, name: string, template?: string): Promise<void> {
  await c.query(`create database ${name}${template ? ` template ${template}` : ""}`);
  await c.query(`alter database ${name} set synchronous_commit = off`);
}

/** A created database: its URL and a function that drops it. */
function created({ name, url }: { name: string; url: string }): TestDatabase {
  return { url, drop: () => admin((c) => c.query(`drop database if exists ${name} with (force)`)).then(() => undefined) };
}

/** Creates an empty PostgreSQL database and returns its URL and a function that drops it. */
export async function createPostgresDatabase(): Promise<TestDatabase> {
  const planned = plannedPostgresDatabase();
  await admin((c) => createTestDatabase(c, planned.name));
  return created(planned);
}

/** A database name and URL for a test file, before the database exists (the app's handle connects lazily). */
export function plannedPostgresDatabase(): { name: string; url: string } {
  const name = `stemhub_t_${process.pid}_${crypto.randomBytes(4).toString("hex")}`;
  return { name, url: withDatabase(TEST_PG_URL, name) };
}

/** The migrations' sources, hashed: a template database is made for exactly these migrations. */
function migrationsKey(): string {
  const dir = fileURLToPath(new URL("../../db/migrations", import.meta.url));
  const hash = crypto.createHash("sha256");
  for (const file of fs.readdirSync(dir).sort()) hash.update(file).update(fs.readFileSync(path.join(dir, file)));
  return hash.digest("hex").slice(0, 16);
}

/**
 * A SQLite database image migrated once for the current migrations, kept in the temporary directory: each unit
 * test file opens its in-memory database from it (migrating an empty database is ≈0.7 s a file). Built with
 * VACUUM INTO a file of its own and renamed into place, so workers that build it at once each leave a whole image;
 * images of other migration sets are deleted.
 */
export async function migratedSqliteImage(build: (file: string) => Promise<void>): Promise<Buffer> {
  const name = `stemhub-sqlite-tpl-${migrationsKey()}.db`;
  const file = path.join(os.tmpdir(), name);
  if (!fs.existsSync(file)) {
    for (const other of fs.readdirSync(os.tmpdir())) {
      if (other.startsWith("stemhub-sqlite-tpl-") && other !== name) fs.rmSync(path.join(os.tmpdir(), other), { force: true });
    }
    const partial = `${file}.${process.pid}.${crypto.randomUUID()}`;
    await build(partial);
    fs.renameSync(partial, file);
  }
  return fs.readFileSync(file);
}

const TEMPLATE_DONE = "stem-hub test template, migrated";

/**
 * Creates the planned database as a copy of a template migrated once for the current migrations (migrating an
 * empty database is ≈0.8 s a file; copying a template is a fraction of that). The first worker to need the
 * template builds it under an advisory lock while the others wait; a template left half-built by a crash (no
 * completion comment) is built again; templates of other migration sets are dropped.
 */
export async function createMigratedPostgresDatabase(
  planned: { name: string; url: string },
  migrate: (url: string) => Promise<void>,
): Promise<TestDatabase> {
  const template = `stemhub_tpl_${migrationsKey()}`;
  await admin(async (c) => {
    await c.query("select pg_advisory_lock(hashtext('stemhub_test_template'))");
    try {
      const found = await c.query<{ done: string | null }>(
        "select shobj_description(oid, 'pg_database') as done from pg_database where datname = $1",
        [template],
      );
      if (found.rows[0]?.done !== TEMPLATE_DONE) {
        const stale = await c.query<{ datname: string }>("select datname from pg_database where datname like 'stemhub\\_tpl\\_%'");
        for (const { datname } of stale.rows) await c.query(`drop database if exists ${datname} with (force)`);
        await createTestDatabase(c, template);
        await migrate(withDatabase(TEST_PG_URL, template));
        await c.query(`comment on database ${template} is '${TEMPLATE_DONE}'`);
      }
    } finally {
      await c.query("select pg_advisory_unlock(hashtext('stemhub_test_template'))");
    }
    await createTestDatabase(c, planned.name, template);
  });
  return created(planned);
}
