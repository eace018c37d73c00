// Every lucia call lives in this file, so the session library can be replaced without touching routes.
import { Cookie, Lucia, TimeSpan, type Adapter, type DatabaseSession, type DatabaseUser } from "lucia";
import type { Role, Locale } from "#db/schema";
import { db } from "~/lib/db.server";
import { preparedQuery } from "~/lib/prepared.server";
import { isSecureOrigin } from "~/lib/env.server";

/** A session dies after this long without a request (lucia slides it forward while in use)… */
export const SESSION_IDLE_MS = 7 * 24 * 3600_000;
/** …and after this long whatever happens. */
export const SESSION_ABSOLUTE_MS = 30 * 24 * 3600_000;

// Every signed-in request runs it: prepared (app/lib/prepared.server.ts).
const sessionAndUserQuery = preparedQuery((d, v: { sessionId: string }) =>
  d
    .selectFrom("user_sessions as s")
    .innerJoin("users as u", "u.id", "s.user_id")
    .select([
      "s.id as sessionId",
      "s.expires_at",
      "s.created_at as session_created_at",
      "u.id",
      "u.email",
      "u.username",
      "u.full_name",
      "u.role",
      "u.locale",
      "u.grade",
      "u.birth_year",
    ])
    .where("s.id", "=", v.sessionId),
);

const adapter: Adapter = {
  async getSessionAndUser(sessionId) {
    const row = (await sessionAndUserQuery(db, { sessionId })).rows[0];
    if (!row) return [null, null];
    if (Date.parse(row.session_created_at) + SESSION_ABSOLUTE_MS <= Date.now()) {
      await db.deleteFrom("user_sessions").where("id", "=", sessionId).execute();
      return [null, null];
    }
    const session: DatabaseSession = {
      id: row.sessionId,
      userId: row.id,
      expiresAt: new Date(row.expires_at),
      attributes: {},
    };
    const user: DatabaseUser = {
      id: row.id,
      attributes: {
        email: row.email,
        username: row.username,
        full_name: row.full_name,
        role: row.role,
        locale: row.locale,
        grade: row.grade,
        birth_year: row.birth_year,
      },
    };
    return [session, user];
  },
  async getUserSessions(userId) {
    const rows = await db.selectFrom("user_sessions").selectAll().where("user_id", "=", userId).execute();
    return rows.map((r) => ({ id: r.id, userId: r.user_id, expiresAt: new Date(r.expires_at), attributes: {} }));
  },
  async setSession(session) {
    await db
      .insertInto("user_sessions")
      .values({
        id: session.id,
        user_id: session.userId,
        expires_at: session.expiresAt.toISOString(),
        created_at: new Date().toISOString(),
      })
      .execute();
  },
  async updateSessionExpiration(sessionId, expiresAt) {
    await db
      .updateTable("user_sessions")
      .set({ expires_at: expiresAt.toISOString() })
      .where("id", "=", sessionId)
      .execute();
  },
  async deleteSession(sessionId) {
    await db.deleteFrom("user_sessions").where("id", "=", sessionId).execute();
  },
  async deleteUserSessions(userId) {
    await db.deleteFrom("user_sessions").where("user_id", "=", userId).execute();
  },
  async deleteExpiredSessions() {
    await db.deleteFrom("user_sessions").where("expires_at", "<=", new Date().toISOString()).execute();
  },
};

export const lucia = new Lucia(adapter, {
  sessionExpiresIn: new TimeSpan(SESSION_IDLE_MS / 1000, "s"),
  sessionCookie: {
    name: "stemhub_session",
    attributes: { sameSite: "lax", path: "/", secure: isSecureOrigin() },
  },
  getUserAttributes: (a) => ({
    email: a.email,
    username: a.username,
    fullName: a.full_name,
    role: a.role,
    locale: a.locale,
    grade: a.grade,
    birthYear: a.birth_year,
  }),
});

declare module "lucia" {
  interface Register {
    Lucia: typeof lucia;
    UserId: number;
    DatabaseUserAttributes: {
      email: string | null;
      username: string | null;
      full_name: string;
      role: Role;
      locale: Locale;
      grade: number | null;
      birth_year: number | null;
    };
  }
}

export type SessionUser = import("lucia").User;

/**
 * The cookie lives as long as the absolute lifetime; idle expiry is enforced server-side, so the cookie
 * never needs rewriting on ordinary requests.
 */
function sessionCookie(sessionId: string): string {
  const c = lucia.createSessionCookie(sessionId);
  return new Cookie(c.name, c.value, { ...c.attributes, maxAge: SESSION_ABSOLUTE_MS / 1000 }).serialize();
}

/** Starts a new session (a fresh id every login) and returns the Set-Cookie header value. */
export async function startSession(userId: number): Promise<string> {
  const session = await lucia.createSession(userId, {});
  return sessionCookie(session.id);
}

export async function readSession(request: Request) {
  const id = lucia.readSessionCookie(request.headers.get("Cookie") ?? "");
  if (!id) return { user: null, session: null };
  return lucia.validateSession(id);
}

/** Destroys the session server-side and returns the Set-Cookie header that clears it. */
export async function endSession(request: Request): Promise<string> {
  const id = lucia.readSessionCookie(request.headers.get("Cookie") ?? "");
  if (id) await lucia.invalidateSession(id);
  return lucia.createBlankSessionCookie().serialize();
}

export async function endAllSessions(userId: number): Promise<void> {
  await lucia.invalidateUserSessions(userId);
}

export async function deleteExpiredSessions(): Promise<void> {
  await lucia.deleteExpiredSessions();
}
