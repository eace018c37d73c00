import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { loadCertificatePage } from "~/certificates/queries.server";
import { certificateIdSchema } from "~/certificates/schemas";
import { CertificateSheet } from "~/components/certificates/CertificateSheet";
import { CertificateStatusBadge } from "~/components/certificates/StatusBadge";
import { useFormat, useT } from "~/i18n/react";
import { db } from "~/lib/db.server";
import { siteOrigin } from "~/lib/env.server";
import { parseParamOr404 } from "~/lib/forms.server";
import { requireUser } from "~/lib/guards.server";
import { ensureFound } from "~/lib/http.server";

// The owner (or staff) sees the certificate; anyone else gets the same 404 as for a missing one.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const id = parseParamOr404(certificateIdSchema, params.id);
  return ensureFound(await loadCertificatePage(db, { id, viewer: user, origin: siteOrigin(request) }));
}

export default function CertificatePage() {
  const t = useT();
  const f = useFormat();
  const { certificate: c, verifyUrl, qr, issuerNameEn } = useLoaderData<typeof loader>();
  return (
    <div>
      <div className="no-print mb-4 flex flex-wrap items-center gap-3">
        <Link to="/certificates">{t("certificates.back")}</Link>
        <CertificateStatusBadge status={c.status} />
      </div>
      <h1 className="sr-only">{`${t("certificates.pdf.title")} ${c.serial}`}</h1>
      {c.status === "revoked" ? (
        <p className="alert alert-error no-print">
          {t("certificates.revokedNote", { date: c.revokedAt ? f.date(c.revokedAt) : "", reason: c.revokedReason ?? "" })}
        </p>
      ) : null}
      {c.status === "superseded" ? <p className="alert alert-info no-print">{t("certificates.supersededNote")}</p> : null}
      <CertificateSheet c={c} verifyUrl={verifyUrl} qrDataUrl={qr} issuerNameEn={issuerNameEn} qrAlt={t("certificates.qrAlt")} />
      <div className="no-print mt-6 flex flex-wrap gap-3">
        <a href={`/certificates/${c.id}.pdf`} className="btn">
          {t("certificates.downloadPdf")}
        </a>
        <a href={verifyUrl} className="btn-secondary">
          {t("certificates.openVerify")}
        </a>
        <a href={`${verifyUrl}.json?download=1`} className="btn-secondary" download={`${c.serial}.credential.json`}>
          {t("certificates.saveToWallet")}
        </a>
      </div>
      <p className="no-print mt-3 text-sm text-slate-700">{t("certificates.walletHint")}</p>
      <p className="no-print mt-3 text-sm text-slate-700">{t("certificates.shareHint")}</p>
    </div>
  );
}
