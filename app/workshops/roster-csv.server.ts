// The roster as CSV (UTF-8 with BOM, headers in the staff member's language).
import { createTranslator, type Locale } from "~/i18n";
import { formatDateTime } from "~/i18n/format";
import { csvResponse, toCsv } from "~/lib/csv.server";
import type { DB } from "~/lib/db.server";
import { slugify } from "~/lib/text";
import { getRoster } from "./roster.server";
import { getMeetings, getSession } from "./sessions.server";

export async function rosterCsv(db: DB, sessionId: number, locale: Locale): Promise<Response | null> {
  const session = await getSession(db, sessionId);
  if (!session) return null;
  const t = createTranslator(locale);
  const [meetings, roster] = await Promise.all([getMeetings(db, [sessionId]), getRoster(db, sessionId)]);
  const header = [
    t("workshops.csv.name"),
    t("workshops.csv.contact"),
    t("workshops.csv.grade"),
    t("common.status"),
    ...meetings.map((m) => formatDateTime(locale, m.starts_at)),
  ];
  const rows = [...roster.confirmed, ...roster.waitlist].map((r) => [
    r.full_name,
    r.email ?? r.username,
    r.grade,
    r.status === "waitlisted" ? t("workshops.status.waitlistedN", { position: r.waitlist_position ?? 0 }) : t(`workshops.status.${r.status}`),
    ...meetings.map((m) => (r.attendance[m.id] ? t(`workshops.status.${r.attendance[m.id]}`) : "")),
  ]);
  const date = formatDateTime("vi", session.starts_at).slice(0, 10).split("/").reverse().join("-");
  return csvResponse(`${slugify(session.title_vi)}-${date}.csv`, toCsv(header, rows));
}
