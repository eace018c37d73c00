// A certificate's status as a word plus colour (never colour alone).
import { useT } from "~/i18n/react";

const TONE = { valid: "badge-ok", revoked: "badge-bad", superseded: "badge-neutral" } as const;

export function CertificateStatusBadge({ status }: { status: "valid" | "revoked" | "superseded" }) {
  const t = useT();
  return <span className={`badge ${TONE[status]}`}>{t(`certificates.status.${status}`)}</span>;
}
