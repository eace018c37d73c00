// Reading the security event log (/admin/audit): filters by actor, action and Vietnam-time dates, newest first,
// a page at a time. Every filter is served by an index of migration 0007: actor → audit_events_actor_idx,
// action → audit_events_action_idx, otherwise audit_events_time_idx (all end with occurred_at).
import type { DB } from "~/lib/db.server";
import { vnLocalToIso } from "~/lib/time";

export const AUDIT_PAGE_SIZE = 50;

export interface AuditFilter {
  /** An email or username (exact, any case): the events this account did. */
  actor?: string;
  action?: string;
  /** YYYY-MM-DD in Vietnam time, both inclusive. */
  from?: string;
  to?: string;
  page: number;
}

export interface AuditRowView {
  id: number;
  occurredAt: string;
  action: string;
  actorName: string | null;
  actorLogin: string | null;
  subject: string | null;
  ip: string;
  details: string;
}

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** Details as "key=value" pairs (the stored JSON never holds secrets). */
function describe(details: string): string {
  try {
    return Object.entries(JSON.parse(details) as Record<string, unknown>)
      .map(([k, v]) => `${k}=${String(v)}`)
      .join(", ");
  } catch {
    return "";
  }
}

export async function listAuditEvents(db: DB, filter: AuditFilter): Promise<{ rows: AuditRowView[]; total: number; pages: number; unknownActor: boolean }> {
  let actorId: number | null = null;
  if (filter.actor) {
    const login = filter.actor.trim().toLowerCase();
    const user = await db.selectFrom("users").select("id").where(login.includes("@") ? "email" : "username", "=", login).executeTakeFirst();
    if (!user) return { rows: [], total: 0, pages: 1, unknownActor: true };
    actorId = user.id;
  }
  let q = db.selectFrom("audit_events as e");
  if (actorId !== null) q = q.where("e.actor_id", "=", actorId);
  if (filter.action) q = q.where("e.action", "=", filter.action);
  if (filter.from) q = q.where("e.occurred_at", ">=", vnLocalToIso(filter.from, "00:00"));
  if (filter.to) q = q.where("e.occurred_at", "<", vnLocalToIso(nextDay(filter.to), "00:00"));
  const [{ total }] = await q.select((eb) => eb.fn.countAll<number>().as("total")).execute();
  const rows = await q
    .leftJoin("users as u", "u.id", "e.actor_id")
    .select(["e.id", "e.occurred_at", "e.action", "e.subject_type", "e.subject_id", "e.ip", "e.details", "u.full_name", "u.email", "u.username"])
    .orderBy("e.occurred_at", "desc")
    .orderBy("e.id", "desc")
    .limit(AUDIT_PAGE_SIZE)
    .offset((filter.page - 1) * AUDIT_PAGE_SIZE)
    .execute();
  return {
    rows: rows.map((r) => ({
      id: r.id,
      occurredAt: r.occurred_at,
      action: r.action,
      actorName: r.full_name,
      actorLogin: r.email ?? r.username,
      subject: r.subject_type ? `${r.subject_type} #${r.subject_id}` : null,
      ip: r.ip,
      details: describe(r.details),
    })),
    total: Number(total),
    pages: Math.max(1, Math.ceil(Number(total) / AUDIT_PAGE_SIZE)),
    unknownActor: false,
  };
}

/** The actions that occur in the log, for the filter's list (distinct over the action index). */
export async function listAuditActions(db: DB): Promise<string[]> {
  const rows = await db.selectFrom("audit_events").select("action").distinct().orderBy("action").execute();
  return rows.map((r) => r.action);
}
