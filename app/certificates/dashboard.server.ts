// The certificates panel of /dashboard: a student's latest certificates; a teacher's printable class sets.
import type { CertificateKind, CertificateStatus } from "#db/schema";
import type { SessionUser } from "~/auth/roles";
import { localized } from "~/i18n/localized";
import type { DB } from "~/lib/db.server";
import { teacherClassCertificateSummary } from "./queries.server";
import type { ClassCertificateGroup } from "./views";

export const DASHBOARD_LATEST = 3;

export type CertificatesDashboardData =
  | {
      role: "student";
      total: number;
      latest: {
        id: number;
        serial: string;
        kind: CertificateKind;
        /** In the user's language. */
        title: string;
        issuedAt: string;
        status: CertificateStatus;
      }[];
    }
  | { role: "teacher"; classes: ClassCertificateGroup[] }
  | null;

export async function loadCertificatesDashboard(db: DB, user: SessionUser): Promise<CertificatesDashboardData> {
  if (user.role === "teacher") {
    const classes = await teacherClassCertificateSummary(db, user.id, user.locale);
    return classes.length ? { role: "teacher", classes: classes.slice(0, 6) } : null;
  }
  if (user.role !== "student") return null;
  const [rows, total] = await Promise.all([
    db
      .selectFrom("certificates")
      .select(["id", "serial", "kind", "program_title_vi", "program_title_en", "issued_at", "status"])
      .where("user_id", "=", user.id)
      .where("status", "!=", "superseded")
      .orderBy("issued_at", "desc")
      .orderBy("id", "desc")
      .limit(DASHBOARD_LATEST)
      .execute(),
    db
      .selectFrom("certificates")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("user_id", "=", user.id)
      .where("status", "=", "valid")
      .executeTakeFirstOrThrow(),
  ]);
  const latest = rows.map((c) => ({
    id: c.id,
    serial: c.serial,
    kind: c.kind,
    title: localized(c, "program_title", user.locale),
    issuedAt: c.issued_at,
    status: c.status,
  }));
  return { role: "student", total: Number(total.n), latest };
}
