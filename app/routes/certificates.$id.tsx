import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/lib/guards.server";
import { ISSUER } from "~/certificates/issuer";
import { qrDataUrl } from "~/certificates/qr.server";
import { getCertificateForViewer } from "~/certificates/queries.server";
import { certificateIdSchema } from "~/certificates/schemas";
import { verificationUrl } from "~/certificates/urls.server";
import { siteOrigin } from "~/lib/env.server";
import { CertificateSheet } from "~/components/certificates/CertificateSheet";
import { CertificateStatusBadge } from "~/components/certificates/StatusBadge";
import { useFormat, useT } from "~/i18n/react";
import { db } from "~/lib/db.server";
import { parseParamOr404 } from "~/lib/forms.server";

// The owner (or staff) sees the certificate; anyone else gets the same 404 as for a missing one.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const id = parseParamOr404(certificateIdSchema, params.id);
  const c = await getCertificateForViewer(db, id, user);
  if (!c) throw new Response("Not Found", { status: 404 });
  const verifyUrl = verificationUrl(siteOrigin(request), c.code);
  return { c, verifyUrl, qr: await qrDataUrl(verifyUrl), issuerNameEn: ISSUER.nameEn };
}

export default function CertificatePage() {
  const t = useT();
  const f = useFormat();
  const { c, verifyUrl, qr, issuerNameEn } = useLoaderData<typeof loader>();
  return (
    <div>
      <div className="no-print mb-4 flex flex-wrap items-center gap-3">
        <Link to="/certificates">{t("certificates.back")}</Link>
        <CertificateStatusBadge status={c.status} />
      </div>
      <h1 className="sr-only">{`${t("certificates.pdf.title")} ${c.serial}`}</h1>
      {c.status === "revoked" ? (
        <p className="alert alert-error no-print">
          {t("certificates.revokedNote", { date: c.revoked_at ? f.date(c.revoked_at) : "", reason: c.revoked_reason ?? "" })}
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
      </div>
      <p className="no-print mt-3 text-sm text-slate-700">{t("certificates.shareHint")}</p>
    </div>
  );
}
