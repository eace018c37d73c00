// Moving a centre to PostgreSQL: the demo data of a running SQLite server is copied with `npm run db:copy`
// into an empty PostgreSQL database; a server started on it shows every demo user the same pages.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, startServer, type TestServer } from "../helpers/e2e";
import { createPostgresDatabase } from "../helpers/store";

const ROOT = path.resolve(__dirname, "..", "..");
let sqliteServer: TestServer;
let pgServer: TestServer;
let pgDatabase: { url: string; drop: () => Promise<void> };

/** Logs in over HTTP (a plain form post, as a browser without JavaScript does) and returns the session cookie. */
async function logIn(base: string, identifier: string): Promise<string> {
  const r = await fetch(`${base}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ identifier, password: DEMO_PASSWORD }),
  });
  expect(r.status, `login ${identifier}`).toBe(302);
  const cookie = (r.headers.get("set-cookie") ?? "").split(";")[0];
  expect(cookie).toMatch(/^stemhub_session=/);
  return cookie;
}

/** The visible text of a page's <main>, whitespace folded. */
async function mainText(base: string, pathname: string, cookie: string): Promise<string> {
  const r = await fetch(`${base}${pathname}`, { headers: { cookie } });
  expect(r.status, pathname).toBe(200);
  const html = await r.text();
  const main = html.match(/<main[^>]*>([\s\S]*)<\/main>/)?.[1] ?? "";
  return main.replace(/<script[\s\S]*?<\/script>/g, "").replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim();
}

beforeAll(async () => {
  sqliteServer = await startServer();
  pgDatabase = await createPostgresDatabase();
  const copy = spawnSync(process.execPath, [path.join(ROOT, "scripts", "db.mjs"), "copy", "--to", pgDatabase.url, "--from", sqliteServer.databasePath], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: "" },
  });
  if (copy.status !== 0) throw new Error(`db:copy failed:\n${copy.stdout}\n${copy.stderr}`);
  expect(copy.stdout).toMatch(/db:copy: \d+ tables copied and verified/);
  pgServer = await startServer({ databaseUrl: pgDatabase.url, seed: false });
});

afterAll(async () => {
  await pgServer?.stop();
  await sqliteServer?.stop();
  await pgDatabase?.drop();
});

describe("a centre moved from SQLite to PostgreSQL", () => {
  const visits: [string, string[]][] = [
    ["student@example.com", ["/dashboard", "/schedule", "/certificates", "/catalog", "/notifications"]],
    ["teacher@example.com", ["/dashboard", "/classes", "/bookings"]],
    ["coordinator@example.com", ["/school", "/bookings"]],
    ["staff@example.com", ["/staff", "/staff/bookings", "/staff/certificates", "/staff/programs", "/staff/courses"]],
  ];

  it("shows every demo user the same pages on both stores", async () => {
    for (const [user, pages] of visits) {
      const [a, b] = await Promise.all([logIn(sqliteServer.url, user), logIn(pgServer.url, user)]);
      for (const page of pages) {
        const [onSqlite, onPostgres] = await Promise.all([mainText(sqliteServer.url, page, a), mainText(pgServer.url, page, b)]);
        expect(onSqlite.length, `${user} ${page}`).toBeGreaterThan(50);
        expect(onPostgres, `${user} ${page}`).toBe(onSqlite);
      }
    }
  });

  it("keeps counting ids after the copied ones (a new account gets a fresh id)", async () => {
    const r = await fetch(`${pgServer.url}/signup`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ fullName: "Lâm Gia Hân", email: "gia.han@example.vn", password: "mot-hai-ba-bon-nam", role: "student" }),
    });
    expect(r.status).toBe(302);
  });
});
