// Baseline on PostgreSQL: a bare node:http + pg server (one process, a pool of 10, named prepared statements)
// serving the same rows as the app for /catalog and /workshops/:slug, HTML of the same size, and the
// registration POST as the conditional UPDATE + INSERT in one transaction (the session row locked first so
// waitlist places stay 1..n under concurrent writers). Started by run.mjs.
//   BENCH_DATABASE_URL, PORT, BENCH_CATALOG_BYTES, BENCH_PROGRAM_BYTES
import http from "node:http";
import pg from "pg";
import { catalogHtml, programHref, programHtml, readBody, send, sessionIdFrom } from "./bare-html.mjs";

pg.types.setTypeParser(20, (v) => Number(v));
const pool = new pg.Pool({ connectionString: process.env.BENCH_DATABASE_URL, max: 10 });
pool.on("error", () => undefined);
const catalogBytes = Number(process.env.BENCH_CATALOG_BYTES) || 0;
const programBytes = Number(process.env.BENCH_PROGRAM_BYTES) || 0;

const statements = {
  count: "select count(*) as n from programs where status = 'published'",
  page: `select id, kind, slug, title_vi, title_en, summary_vi, summary_en, grade_min, grade_max, age_min, age_max, fee_vnd, cover_url
           from programs where status = 'published' order by title_vi, id limit 24 offset 0`,
  pageTopics: "select program_id, topic from program_topics where program_id = any($1::int[]) order by topic",
  nextStarts: `select program_id, min(starts_at) as next_start from workshop_sessions
                where program_id = any($1::int[]) and status = 'scheduled' and starts_at > $2 group by program_id`,
  topics: "select distinct t.topic from program_topics t join programs p on p.id = t.program_id where p.status = 'published' order by t.topic limit 100",
  program: "select * from programs where slug = $1 and kind = 'workshop'",
  programTopics: "select topic from program_topics where program_id = $1 order by topic",
  sessions: `select s.*, i.full_name as instructor_name from workshop_sessions s left join users i on i.id = s.instructor_id
              where s.program_id = $1 and s.ends_at > $2 and s.status = 'scheduled' order by s.starts_at limit 100`,
  meetings: "select * from workshop_meetings where session_id = any($1::int[]) order by starts_at",
  waitlists: "select session_id, count(*) as n from workshop_registrations where session_id = any($1::int[]) and status = 'waitlisted' group by session_id",
  user: "select u.id, u.role, u.grade, s.expires_at from user_sessions s join users u on u.id = s.user_id where s.id = $1",
  sessionOf: "select s.program_id from workshop_sessions s join programs p on p.id = s.program_id where s.id = $1 and p.slug = $2",
  lockSession: "select id from workshop_sessions where id = $1 for update",
  takeSeat: "update workshop_sessions set confirmed_count = confirmed_count + 1 where id = $1 and confirmed_count < capacity",
  nextPosition: "select coalesce(max(waitlist_position), 0) + 1 as pos from workshop_registrations where session_id = $1 and status = 'waitlisted'",
  insert: `insert into workshop_registrations (session_id, user_id, status, waitlist_position, source, created_at, updated_at, cancelled_at)
           values ($1, $2, $3, $4, 'self', $5, $5, null)`,
};
const run = (client, name, values = []) => client.query({ name, text: statements[name], values });

async function catalog() {
  const now = new Date().toISOString();
  const [count, page, topics] = await Promise.all([run(pool, "count"), run(pool, "page"), run(pool, "topics")]);
  const ids = page.rows.map((r) => r.id);
  const [pageTopics, next] = await Promise.all([run(pool, "pageTopics", [ids]), run(pool, "nextStarts", [ids, now])]);
  const items = page.rows.map((r) => ({
    ...r,
    topics: pageTopics.rows.filter((t) => t.program_id === r.id).map((t) => t.topic),
    nextStart: next.rows.find((n) => n.program_id === r.id)?.next_start ?? null,
    href: programHref(r.kind, r.slug),
  }));
  return catalogHtml({ items, total: count.rows[0].n, topics: topics.rows.map((t) => t.topic) }, catalogBytes);
}

async function programPage(slug) {
  const program = (await run(pool, "program", [slug])).rows[0];
  if (!program) return null;
  const now = new Date().toISOString();
  const [topics, sessions] = await Promise.all([run(pool, "programTopics", [program.id]), run(pool, "sessions", [program.id, now])]);
  const ids = sessions.rows.map((s) => s.id);
  const [meetings, waitlists] = await Promise.all([run(pool, "meetings", [ids]), run(pool, "waitlists", [ids])]);
  return programHtml(
    {
      program,
      topics: topics.rows.map((t) => t.topic),
      sessions: sessions.rows.map((s) => ({
        ...s,
        meetings: meetings.rows.filter((m) => m.session_id === s.id),
        waitlist: waitlists.rows.find((w) => w.session_id === s.id)?.n ?? 0,
      })),
    },
    programBytes,
  );
}

async function register(sessionId, userId) {
  const client = await pool.connect();
  try {
    await client.query("begin");
    const now = new Date().toISOString();
    await run(client, "lockSession", [sessionId]);
    const confirmed = (await run(client, "takeSeat", [sessionId])).rowCount === 1;
    const position = confirmed ? null : (await run(client, "nextPosition", [sessionId])).rows[0].pos;
    await run(client, "insert", [sessionId, userId, confirmed ? "confirmed" : "waitlisted", position, now]);
    await client.query("commit");
    return { status: confirmed ? "confirmed" : "waitlisted", position };
  } catch (e) {
    await client.query("rollback").catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}

const server = http.createServer(async (req, res) => {
  try {
    const url = new URL(req.url, "http://localhost");
    if (req.method === "GET" && url.pathname === "/healthz") {
      await pool.query("select 1");
      return send(res, 200, '{"ok":true}', "application/json");
    }
    if (req.method === "GET" && url.pathname === "/catalog") return send(res, 200, await catalog());
    const m = /^\/workshops\/([a-z0-9-]+?)(\.data)?$/.exec(url.pathname);
    if (m && req.method === "GET") {
      const html = await programPage(m[1]);
      return html ? send(res, 200, html) : send(res, 404, "not found", "text/plain");
    }
    if (m && req.method === "POST") {
      const form = new URLSearchParams(await readBody(req));
      const sid = sessionIdFrom(req);
      const user = sid ? (await run(pool, "user", [sid])).rows[0] : null;
      if (!user || user.expires_at <= new Date().toISOString()) return send(res, 401, "sign in", "text/plain");
      if (form.get("intent") !== "register") return send(res, 400, "bad intent", "text/plain");
      const sessionId = Number(form.get("sessionId"));
      if (!(await run(pool, "sessionOf", [sessionId, m[1]])).rows[0]) return send(res, 404, "not found", "text/plain");
      return send(res, 200, JSON.stringify(await register(sessionId, user.id)), "application/json");
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
    server.close(() => pool.end().then(() => process.exit(0)));
    server.closeAllConnections();
  });
}
