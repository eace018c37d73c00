// Four app instances on one PostgreSQL database (WEB_CONCURRENCY=4): 500 distinct students register at once
// through HTTP for 20 seats → exactly 20 confirmed and 480 waitlisted at places 1..480; one worker killed with
// SIGKILL in the middle of the storm loses no acknowledged registration, and the others keep serving.
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "#db/schema";
import { createUser } from "~/auth/users.server";
import { createProgram } from "~/catalog/programs.server";
import { openPostgres } from "~/lib/db.server";
import { migrateToLatest } from "~/lib/migrate.server";
import { createSession } from "~/workshops/sessions.server";
import { startServer, type TestServer } from "../helpers/e2e";
import { createPostgresDatabase } from "../helpers/store";

const STUDENTS = 500;
const SEATS = 20;
const CONCURRENCY = 50;

let server: TestServer;
let pgDatabase: { url: string; drop: () => Promise<void> };
let db: Kysely<Database>;
let slug: string;
let sessionId: number;
const cookies: { userId: number; cookie: string }[] = [];

beforeAll(async () => {
  pgDatabase = await createPostgresDatabase();
  db = openPostgres(pgDatabase.url, 4);
  await migrateToLatest(db);
  const now = new Date().toISOString();
  slug = "robot-dong-loat";
  const programId = (await createProgram(db, { kind: "workshop", slug, titleVi: "Robot đồng loạt", status: "published" }, now))!;
  const starts = new Date(Date.now() + 7 * 86_400_000).toISOString();
  const ends = new Date(Date.now() + 7 * 86_400_000 + 3 * 3_600_000).toISOString();
  sessionId = await createSession(
    db,
    programId,
    { room: "Phòng Fab Lab", capacity: SEATS, instructorId: null, registrationOpensAt: null, registrationClosesAt: null, cancellationDeadline: null, minAttendancePercent: 100, meetings: [{ startsAt: starts, endsAt: ends }] },
    now,
  );
  const hash = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$0000000000000000000000000000000000000000000"; // never used to log in
  const expires = new Date(Date.now() + 86_400_000).toISOString();
  for (let i = 0; i < STUDENTS; i++) {
    const r = await createUser(db, { fullName: `Học sinh ${i + 1}`, username: `cluster.${i + 1}`, passwordHash: hash, role: "student", now });
    if (!r.ok) throw new Error(r.reason);
    const id = crypto.randomBytes(20).toString("hex");
    await db.insertInto("user_sessions").values({ id, user_id: r.value, expires_at: expires, created_at: now }).execute();
    cookies.push({ userId: r.value, cookie: `stemhub_session=${id}` });
  }
  server = await startServer({ databaseUrl: pgDatabase.url, seed: false, workers: 4 });
});

afterAll(async () => {
  await server?.stop();
  await db?.destroy();
  await pgDatabase?.drop();
});

function workerPids(primary: number): number[] {
  try {
    return execFileSync("ps", ["-o", "pid=", "--ppid", String(primary)], { encoding: "utf8" })
      .split("\n")
      .map((s) => Number(s.trim()))
      .filter((n) => n > 0);
  } catch {
    return [];
  }
}

describe("four instances on one PostgreSQL database", () => {
  it("register 500 students for 20 seats exactly once each, even when a worker is killed mid-storm", async () => {
    expect(workerPids(server.pid())).toHaveLength(4);
    const acknowledged: number[] = [];
    let failedConnections = 0;
    let serverErrors = 0;
    let next = 0;
    let killed = false;
    const register = async ({ userId, cookie }: { userId: number; cookie: string }) => {
      try {
        const r = await fetch(`${server.url}/workshops/${slug}`, {
          method: "POST",
          redirect: "manual",
          headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ intent: "register", sessionId: String(sessionId) }),
          // A connection handed to the worker as it was killed may never be answered: give up as a browser would,
          // and try again below (the final counts prove nothing was registered twice or lost).
          signal: AbortSignal.timeout(20_000),
        });
        await r.arrayBuffer();
        if (r.status >= 500) serverErrors++;
        else if (r.status === 200 || r.status === 302 || r.status === 303) acknowledged.push(userId);
      } catch {
        failedConnections++; // the killed worker's open requests (reset or unanswered): not acknowledged
      }
    };
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < cookies.length) {
          const mine = cookies[next++];
          if (!killed && next > STUDENTS / 3) {
            killed = true;
            process.kill(workerPids(server.pid())[0], "SIGKILL");
          }
          await register(mine);
        }
      }),
    );
    expect(killed).toBe(true);
    expect(serverErrors).toBe(0);
    // Those whose request died with the worker try again, as a user would.
    const missing = cookies.filter((c) => !acknowledged.includes(c.userId));
    expect(missing.length).toBe(failedConnections);
    for (const c of missing) await register(c);
    expect(acknowledged.length).toBe(STUDENTS);

    const rows = await db
      .selectFrom("workshop_registrations")
      .select(["user_id", "status", "waitlist_position"])
      .where("session_id", "=", sessionId)
      .execute();
    expect(rows).toHaveLength(STUDENTS);
    expect(rows.filter((r) => r.status === "confirmed")).toHaveLength(SEATS);
    const places = rows.filter((r) => r.status === "waitlisted").map((r) => r.waitlist_position!).sort((a, b) => a - b);
    expect(places).toEqual(Array.from({ length: STUDENTS - SEATS }, (_, i) => i + 1));
    // Every acknowledged answer has its row (nothing acknowledged was lost with the killed worker).
    const registered = new Set(rows.map((r) => r.user_id));
    expect(acknowledged.every((id) => registered.has(id))).toBe(true);
    const session = await db.selectFrom("workshop_sessions").select("confirmed_count").where("id", "=", sessionId).executeTakeFirstOrThrow();
    expect(session.confirmed_count).toBe(SEATS);
    // The cluster replaced the killed worker and keeps serving.
    await expect.poll(() => workerPids(server.pid()).length, { timeout: 10_000 }).toBe(4);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});
