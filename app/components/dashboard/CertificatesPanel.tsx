// The certificates panel of /dashboard (data from app/certificates/dashboard.server.ts).
import type { CertificatesDashboardData } from "~/certificates/dashboard.server";

export function CertificatesPanel({ data }: { data: CertificatesDashboardData }) {
  if (!data) return null;
  return null;
}
