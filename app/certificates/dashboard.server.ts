// The certificates panel of /dashboard: a student's latest certificates; a teacher's printable class sets.
import type { SessionUser } from "~/auth/roles";
import type { DB } from "~/lib/db.server";
import { teacherClassCertificateSummary } from "./queries.server";

export const DASHBOARD_LATEST = 3;

export type CertificatesDashboardData =
  | {
      role: "student";
      total: number;
      latest: {
        id: number;
        serial: string;
        kind: "course" | "workshop" | "tour";
        titleVi: string;
        titleEn: string | null;
        issuedAt: string;
        status: "valid" | "revoked" | "superseded";
      }[];
    }
  | { role: "teacher"; classes: Awaited<ReturnType<typeof teacherClassCertificateSummary>> }
  | null;

export async function loadCertificatesDashboard(db: DB, user: SessionUser): Promise<CertificatesDashboardData> {
  if (user.role === "teacher") {
    const classes = await teacherClassCertificateSummary(db, user.id);
    return classes.length ? { role: "teacher", classes: classes.slice(0, 6) } : null;
  }
  if (user.role !== "student") return null;
  const [rows, total] = await Promise.all([
    db
      .selectFrom("certificates")
      .select(["id", "serial", "kind", "program_title_vi as titleVi", "program_title_en as titleEn", "issued_at as issuedAt", "status"])
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
  return { role: "student", total: Number(total.n), latest: rows };
}
