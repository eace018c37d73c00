// The certificates panel of /dashboard (data from app/certificates/dashboard.server.ts).
import { Link } from "@remix-run/react";
import type { CertificatesDashboardData } from "~/certificates/dashboard.server";
import { CertificateStatusBadge } from "~/components/certificates/StatusBadge";
import { useFormat, useT } from "~/i18n/react";

export function CertificatesPanel({ data }: { data: CertificatesDashboardData }) {
  const t = useT();
  const f = useFormat();
  if (!data) return null;
  if (data.role === "teacher") {
    return (
      <section className="card" aria-labelledby="dashboard-certificates">
        <h2 id="dashboard-certificates">{t("certificates.dashboard.title")}</h2>
        <p className="mt-1 text-sm text-slate-700">{t("certificates.dashboard.teacherLead")}</p>
        <ul className="mt-3 space-y-1">
          {data.classes.map((g) => (
            <li key={`${g.classId}-${g.programId}`}>
              <a href={`/classes/${g.classId}/certificates.pdf?program=${g.programId}`}>
                {g.className}: {g.title} ({g.count})
              </a>
            </li>
          ))}
        </ul>
        <p className="mt-3">
          <Link to="/certificates">{t("certificates.dashboard.all")}</Link>
        </p>
      </section>
    );
  }
  return (
    <section className="card" aria-labelledby="dashboard-certificates" data-testid="certificates-panel">
      <h2 id="dashboard-certificates">{t("certificates.dashboard.title")}</h2>
      {data.latest.length === 0 ? (
        <p className="mt-2">{t("certificates.empty")}</p>
      ) : (
        <>
          <p className="mt-1 text-sm text-slate-700">{t("certificates.dashboard.count", { count: data.total })}</p>
          <ul className="mt-3 space-y-2">
            {data.latest.map((c) => (
              <li key={c.id} className="flex flex-wrap items-center gap-2">
                <Link to={`/certificates/${c.id}`}>{c.title}</Link>
                <span className="text-sm text-slate-600">{f.date(c.issuedAt)}</span>
                <CertificateStatusBadge status={c.status} />
              </li>
            ))}
          </ul>
        </>
      )}
      <p className="mt-3">
        <Link to="/certificates">{t("certificates.dashboard.all")}</Link>
      </p>
    </section>
  );
}
