// The roster as CSV (UTF-8 with BOM, headers in the staff member's language); the route sends it as a download.
import { createTranslator, type Locale } from "~/i18n";
import { formatDateTime } from "~/i18n/format";
import { toCsv } from "~/lib/csv.server";
import type { DB } from "~/lib/db.server";
import { slugify } from "~/lib/text";
import { isoToVnLocal } from "~/lib/time";
import { getRoster } from "./roster.server";
import { getMeetings, getSession } from "./sessions.server";

/** The file name (program slug and the session's date in Vietnam) and the CSV text; null when there is no such session. */
export async function rosterCsv(db: DB, sessionId: number, locale: Locale): Promise<{ filename: string; csv: string } | null> {
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
  const rows = [...roster.confirmed, ...roster.waitlist].map((r) => {
    const marks = r.attendance;
    return [
      r.fullName,
      r.contact,
      r.grade,
      r.status === "waitlisted" ? t("workshops.status.waitlistedN", { position: r.waitlistPosition ?? 0 }) : t(`workshops.status.${r.status}`),
      ...meetings.map((m) => (marks[m.id] ? t(`workshops.status.${marks[m.id]}`) : "")),
    ];
  });
  return { filename: `${slugify(session.title_vi)}-${isoToVnLocal(session.starts_at).date}.csv`, csv: toCsv(header, rows) };
}
