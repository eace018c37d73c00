// Plain-fetch client for the fuzz test: logs in through the /login form, keeps the session cookie, counts requests.
import Database from "better-sqlite3";
import { DEMO_PASSWORD, type TestServer } from "./e2e";

export type Who = "anon" | "student" | "student2" | "teacher" | "teacher2" | "coordinator" | "coordinator2" | "staff" | "admin";

export const EMAILS: Record<Exclude<Who, "anon">, string> = {
  student: "student@example.com",
  student2: "student2@example.com",
  teacher: "teacher@example.com",
  teacher2: "teacher2@example.com",
  coordinator: "coordinator@example.com",
  coordinator2: "coordinator2@example.com",
  staff: "staff@example.com",
  admin: "admin@example.com",
};

export interface Reply {
  status: number;
  location: string | null;
  body: string;
}

export type FormInput = Record<string, string | string[]>;

export class FuzzClient {
  readonly cookies = new Map<Who, string>();
  requests = 0;
  constructor(readonly server: TestServer) {}

  async login(who: Exclude<Who, "anon">): Promise<void> {
    const r = await fetch(`${this.server.url}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: this.server.url, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ identifier: EMAILS[who], password: DEMO_PASSWORD, redirectTo: "/dashboard" }),
    });
    this.requests += 1;
    const set = r.headers.getSetCookie().find((c) => c.startsWith("stemhub_session="));
    if (r.status !== 302 || !set) throw new Error(`login as ${who} failed: ${r.status} ${await r.text()}`);
    this.cookies.set(who, set.split(";")[0]!);
  }

  /** One request; `path` is sent as is (already encoded), so malformed segments reach the server unchanged. */
  async send(who: Who, method: "GET" | "POST", path: string, form?: FormInput | FormData | string): Promise<Reply> {
    const headers: Record<string, string> = {};
    const cookie = who === "anon" ? undefined : this.cookies.get(who);
    if (cookie) headers.Cookie = cookie;
    let body: BodyInit | undefined;
    if (method === "POST") {
      headers.Origin = this.server.url;
      if (form instanceof FormData) body = form;
      else if (typeof form === "string") {
        body = form;
        headers["Content-Type"] = "application/x-www-form-urlencoded";
      } else {
        const p = new URLSearchParams();
        for (const [k, v] of Object.entries(form ?? {})) for (const one of Array.isArray(v) ? v : [v]) p.append(k, one);
        body = p;
      }
    }
    let r: Response;
    try {
      r = await fetch(`${this.server.url}${path}`, { method, headers, body, redirect: "manual" });
    } catch (e) {
      // A dropped connection is as bad as a 5xx for the user: report it as one (599) with the cause.
      this.requests += 1;
      const cause = (e as { cause?: { code?: string } }).cause?.code ?? String(e);
      return { status: 599, location: null, body: `connection failed: ${cause}` };
    }
    this.requests += 1;
    const text = await r.text();
    return { status: r.status, location: r.headers.get("location"), body: text.slice(0, 600) };
  }
}

export function isLoginRedirect(r: Reply): boolean {
  return r.status === 302 && !!r.location && r.location.startsWith("/login");
}

/** A read-only view of the server's database file, for ids and before/after comparisons. */
export function openReadOnly(file: string) {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  return {
    all<T = Record<string, unknown>>(query: string, ...args: unknown[]): T[] {
      return sqlite.prepare(query).all(...args) as T[];
    },
    one<T = Record<string, unknown>>(query: string, ...args: unknown[]): T {
      const row = sqlite.prepare(query).get(...args) as T | undefined;
      if (row === undefined) throw new Error(`no row for ${query}`);
      return row;
    },
    /** The content of the domain tables (not sessions, notifications, rate-limit events), as one comparable string. */
    snapshot(tables: string[]): Record<string, string> {
      const out: Record<string, string> = {};
      for (const t of tables) out[t] = JSON.stringify(sqlite.prepare(`select * from ${t} order by rowid`).all());
      return out;
    },
    close: () => sqlite.close(),
  };
}

export const DOMAIN_TABLES = [
  "schools",
  "school_memberships",
  "programs",
  "program_topics",
  "workshop_sessions",
  "workshop_meetings",
  "workshop_registrations",
  "workshop_attendance",
  "courses",
  "course_modules",
  "lessons",
  "quizzes",
  "quiz_questions",
  "quiz_options",
  "enrolments",
  "lesson_completions",
  "classes",
  "class_teachers",
  "class_members",
  "managed_accounts",
  "class_courses",
  "class_sessions",
  "tours",
  "tour_ratio_rules",
  "tour_slots",
  "tour_bookings",
  "certificates",
];

/** users without the columns a login or a language switch legitimately touches. */
export const USERS_FINGERPRINT = "select id, email, username, role, full_name, password_hash, grade from users order by id";
