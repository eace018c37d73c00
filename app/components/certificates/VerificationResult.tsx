// The public verification page body: status first, then only what a verifier needs.
import type { PublicCertificate } from "~/certificates/verify.server";
import { useFormat, useT } from "~/i18n/react";

const TONE = { valid: "alert-success", revoked: "alert-error", superseded: "alert-info" } as const;

export interface CryptoChecks {
  signature: "valid" | "invalid";
  status: "valid" | "revoked" | "unknown";
  issuer: string;
}

export function VerificationResult({
  c,
  checks,
  jsonHref,
}: {
  c: PublicCertificate & { programTitle: string };
  checks: CryptoChecks;
  jsonHref: string;
}) {
  const t = useT();
  const f = useFormat();
  return (
    <section aria-labelledby="verify-title" className="mx-auto max-w-2xl">
      <h1 id="verify-title">{t("verify.title")}</h1>
      <p className="mt-2 text-slate-700">{t("verify.lead")}</p>
      <div className={`alert ${TONE[c.status]} mt-4`} data-testid="verify-status" data-status={c.status}>
        <p className="text-lg font-semibold">{t(`verify.${c.status}`)}</p>
        {c.status === "valid" ? <p>{t("verify.validText")}</p> : null}
        {c.status === "revoked" ? (
          <>
            <p>{t("verify.revokedText", { date: c.revokedAt ? f.date(c.revokedAt) : "" })}</p>
            {c.revokedReason ? (
              <p>
                <span className="font-semibold">{t("verify.reason")}:</span> {c.revokedReason}
              </p>
            ) : null}
          </>
        ) : null}
        {c.status === "superseded" ? <p>{t("verify.supersededText")}</p> : null}
      </div>
      <dl className="card mt-4 grid gap-x-4 gap-y-2 sm:grid-cols-[auto_1fr]">
        <dt className="font-semibold">{t("certificates.recipient")}</dt>
        <dd data-testid="verify-recipient">{c.recipientName}</dd>
        <dt className="font-semibold">{t("certificates.program")}</dt>
        <dd>
          {c.programTitle}
          <span className="text-slate-600"> · {t(`certificates.kind.${c.kind}`)}</span>
        </dd>
        {c.hours !== null ? (
          <>
            <dt className="font-semibold">{t("certificates.hours")}</dt>
            <dd>{t("certificates.hoursValue", { hours: f.number(c.hours) })}</dd>
          </>
        ) : null}
        <dt className="font-semibold">{t("certificates.issuedOn")}</dt>
        <dd>{f.date(c.issuedAt)}</dd>
        <dt className="font-semibold">{t("certificates.issuer")}</dt>
        <dd>
          {c.issuerName}, {c.issuerCity}
        </dd>
        <dt className="font-semibold">{t("certificates.serial")}</dt>
        <dd>{c.serial}</dd>
      </dl>
      <section aria-labelledby="verify-checks" className="card mt-4">
        <h2 id="verify-checks" className="text-base font-semibold">
          {t("verify.checks")}
        </h2>
        <dl className="mt-2 grid gap-x-4 gap-y-2 sm:grid-cols-[auto_1fr]">
          <dt className="font-semibold">{t("verify.signature")}</dt>
          <dd data-testid="verify-signature" data-signature={checks.signature} className="break-all">
            {checks.signature === "valid" ? t("verify.signature.valid", { issuer: checks.issuer }) : t("verify.signature.invalid")}
          </dd>
          <dt className="font-semibold">{t("verify.statusList")}</dt>
          <dd data-testid="verify-status-list" data-status={checks.status}>
            {t(`verify.statusList.${checks.status}`)}
          </dd>
        </dl>
      </section>
      <p className="mt-4 text-sm">
        <a href={jsonHref}>{t("verify.json")}</a>
      </p>
    </section>
  );
}
