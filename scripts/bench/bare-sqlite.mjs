// Baseline: a bare node:http + better-sqlite3 server (statements prepared once) serving the same rows as the
// app for /catalog and /workshops/:slug, HTML of the same size, and the registration POST as the conditional
// UPDATE + INSERT in one transaction (after the same session look-up). Started by run.mjs.
//   BENCH_DB, PORT, BENCH_CATALOG_BYTES, BENCH_PROGRAM_BYTES
import http from "node:http";
import Database from "better-sqlite3";
import { catalogHtml, programHref, programHtml, readBody, send, sessionIdFrom } from "./bare-html.mjs";

const db = new Database(process.env.BENCH_DB);
db.pragma("journal_mode = WAL");
db.pragma("foreign_keys = ON");
db.pragma("busy_timeout = 5000");
db.pragma("synchronous = NORMAL");
const catalogBytes = Number(process.env.BENCH_CATALOG_BYTES) || 0;
const programBytes = Number(process.env.BENCH_PROGRAM_BYTES) || 0;

const q = {
  count: db.prepare("select count(*) as n from programs where status = 'published'"),
  page: db.prepare(
    `select id, kind, slug, title_vi, title_en, summary_vi, summary_en, grade_min, grade_max, age_min, age_max, fee_vnd, cover_url
       from programs where status = 'published' order by title_vi, id limit 24 offset 0`,
  ),
  pageTopics: db.prepare("select program_id, topic from program_topics where program_id in (select value from json_each(?)) order by topic"),
  nextStarts: db.prepare(
    `select program_id, min(starts_at) as next_start from workshop_sessions
      where program_id in (select value from json_each(?)) and status = 'scheduled' and starts_at > ? group by program_id`,
  ),
  topics: db.prepare(
    "select distinct t.topic from program_topics t join programs p on p.id = t.program_id where p.status = 'published' order by t.topic limit 100",
  ),
  program: db.prepare("select * from programs where slug = ? and kind = 'workshop'"),
  programTopics: db.prepare("select topic from program_topics where program_id = ? order by topic"),
  sessions: db.prepare(
    `select s.*, i.full_name as instructor_name from workshop_sessions s left join users i on i.id = s.instructor_id
      where s.program_id = ? and s.ends_at > ? and s.status = 'scheduled' order by s.starts_at limit 100`,
  ),
  meetings: db.prepare("select * from workshop_meetings where session_id in (select value from json_each(?)) order by starts_at"),
  waitlists: db.prepare(
    "select session_id, count(*) as n from workshop_registrations where session_id in (select value from json_each(?)) and status = 'waitlisted' group by session_id",
  ),
  user: db.prepare(
    "select u.id, u.role, u.grade, s.expires_at from user_sessions s join users u on u.id = s.user_id where s.id = ?",
  ),
  sessionOf: db.prepare("select s.program_id from workshop_sessions s join programs p on p.id = s.program_id where s.id = ? and p.slug = ?"),
  takeSeat: db.prepare("update workshop_sessions set confirmed_count = confirmed_count + 1 where id = ? and confirmed_count < capacity"),
  nextPosition: db.prepare(
    "select coalesce(max(waitlist_position), 0) + 1 as pos from workshop_registrations where session_id = ? and status = 'waitlisted'",
  ),
  insert: db.prepare(
    `insert into workshop_registrations (session_id, user_id, status, waitlist_position, source, created_at, updated_at, cancelled_at)
     values (?, ?, ?, ?, 'self', ?, ?, null)`,
  ),
};

function catalog() {
  const now = new Date().toISOString();
  const total = q.count.get().n;
  const rows = q.page.all();
  const ids = JSON.stringify(rows.map((r) => r.id));
  const topics = q.pageTopics.all(ids);
  const next = q.nextStarts.all(ids, now);
  const items = rows.map((r) => ({
    ...r,
    topics: topics.filter((t) => t.program_id === r.id).map((t) => t.topic),
    nextStart: next.find((n) => n.program_id === r.id)?.next_start ?? null,
    href: programHref(r.kind, r.slug),
  }));
  return catalogHtml({ items, total, topics: q.topics.all().map((t) => t.topic) }, catalogBytes);
}

function programPage(slug) {
  const program = q.program.get(slug);
  if (!program) return null;
  const now = new Date().toISOString();
  const sessions = q.sessions.all(program.id, now);
  const ids = JSON.stringify(sessions.map((s) => s.id));
  const meetings = q.meetings.all(ids);
  const waitlists = q.waitlists.all(ids);
  return programHtml(
    {
      program,
      topics: q.programTopics.all(program.id).map((t) => t.topic),
      sessions: sessions.map((s) => ({
        ...s,
        meetings: meetings.filter((m) => m.session_id === s.id),
        waitlist: waitlists.find((w) => w.session_id === s.id)?.n ?? 0,
      })),
    },
    programBytes,
  );
}

const register = db.transaction((sessionId, userId) => {
  const now = new Date().toISOString();
  const confirmed = q.takeSeat.run(sessionId).changes === 1;
  const position = confirmed ? null : q.nextPosition.get(sessionId).pos;
  q.insert.run(sessionId, userId, confirmed ? "confirmed" : "waitlisted", position, now, now);
  return { status: confirmed ? "confirmed" : "waitlisted", position };
});

const server = http.createServer(async (req, res) => {
  try {
    const url = new URL(req.url, "http://localhost");
    if (req.method === "GET" && url.pathname === "/healthz") return send(res, 200, '{"ok":true}', "application/json");
    if (req.method === "GET" && url.pathname === "/catalog") return send(res, 200, catalog());
    const m = /^\/workshops\/([a-z0-9-]+?)(\.data)?$/.exec(url.pathname);
    if (m && req.method === "GET") {
      const html = programPage(m[1]);
      return html ? send(res, 200, html) : send(res, 404, "not found", "text/plain");
    }
    if (m && req.method === "POST") {
      const form = new URLSearchParams(await readBody(req));
      const sid = sessionIdFrom(req);
      const user = sid ? q.user.get(sid) : null;
      if (!user || user.expires_at <= new Date().toISOString()) return send(res, 401, "sign in", "text/plain");
      if (form.get("intent") !== "register") return send(res, 400, "bad intent", "text/plain");
      const sessionId = Number(form.get("sessionId"));
      if (!q.sessionOf.get(sessionId, m[1])) return send(res, 404, "not found", "text/plain");
      const r = register.immediate(sessionId, user.id);
      return send(res, 200, JSON.stringify(r), "application/json");
    }
    send(res, 404, "not found", "text/plain");
  } catch (e) {
    console.error(e);
    if (!res.headersSent) send(res, 500, "error", "text/plain");
  }
});
server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.PORT), process.env.HOST || "127.0.0.1");
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
