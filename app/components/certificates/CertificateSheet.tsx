// The HTML twin of the PDF: bilingual, A4 landscape when printed (the site header and footer are hidden by app.css).
import type { CertificateSheetData } from "~/certificates/views";
import { createTranslator } from "~/i18n";
import { formatDate, formatNumber } from "~/i18n/format";

const vi = createTranslator("vi");
const en = createTranslator("en");

export function CertificateSheet({
  c,
  verifyUrl,
  qrDataUrl,
  issuerNameEn,
  qrAlt,
}: {
  c: CertificateSheetData;
  verifyUrl: string;
  qrDataUrl: string;
  issuerNameEn: string;
  qrAlt: string;
}) {
  return (
    <article
      className="certificate-sheet relative mx-auto flex w-full max-w-4xl flex-col border-4 border-double border-accent bg-white p-6 text-center sm:aspect-[297/210] sm:p-10 print:aspect-[297/210] print:max-w-none"
      aria-label={`${vi("certificates.pdf.title")} ${c.serial}`}
    >
      <p className="text-xs font-semibold uppercase tracking-wide text-accent sm:text-sm">{c.issuerName}</p>
      <p className="text-xs text-slate-600">{issuerNameEn}</p>
      <p className="mt-4 text-3xl font-semibold uppercase text-accent sm:text-5xl" lang="vi">
        {vi("certificates.pdf.title")}
      </p>
      <p className="text-lg text-slate-600" lang="en">
        {en("certificates.pdf.title")}
      </p>
      <p className="mt-4 text-sm text-slate-600">
        <span lang="vi">{vi("certificates.pdf.awardedTo")}</span> · <span lang="en">{en("certificates.pdf.awardedTo")}</span>
      </p>
      <p className="mt-1 text-2xl font-semibold sm:text-4xl">{c.recipientName}</p>
      <p className="mt-3 text-sm text-slate-600">
        <span lang="vi">{vi(`certificates.pdf.reason.${c.kind}`)}</span> · <span lang="en">{en(`certificates.pdf.reason.${c.kind}`)}</span>
      </p>
      <p className="mt-1 text-xl font-semibold" lang="vi">
        {c.programTitleVi}
      </p>
      {c.programTitleEn && c.programTitleEn !== c.programTitleVi ? (
        <p className="text-slate-600" lang="en">
          {c.programTitleEn}
        </p>
      ) : null}
      <p className="mt-3 text-sm">
        {c.hours !== null ? (
          <>
            {vi("certificates.pdf.hours", { hours: formatNumber("vi", c.hours) })} ·{" "}
            {en("certificates.pdf.hours", { hours: formatNumber("en", c.hours) })}
            <br />
          </>
        ) : null}
        {vi("certificates.pdf.issuedOn")}: {formatDate("vi", c.issuedAt)} · {en("certificates.pdf.issuedOn")}:{" "}
        {formatDate("en", c.issuedAt)}
      </p>
      <div className="mt-auto flex flex-wrap items-end justify-between gap-4 pt-6 text-left text-sm">
        <div>
          <p className="font-semibold">
            {vi("certificates.pdf.serial")} / {en("certificates.pdf.serial")}: {c.serial}
          </p>
          <p className="text-slate-600">{c.issuerCity}</p>
        </div>
        <div className="flex items-end gap-3">
          <p className="max-w-xs break-all text-right text-xs">
            {vi("certificates.pdf.verifyAt")} / {en("certificates.pdf.verifyAt")}:
            <br />
            <a href={verifyUrl}>{verifyUrl}</a>
          </p>
          <img src={qrDataUrl} alt={qrAlt} width={96} height={96} />
        </div>
      </div>
      {c.status !== "valid" ? (
        <p className="absolute inset-x-6 top-1/2 -translate-y-1/2 border-2 border-red-700 bg-white/90 py-2 text-xl font-semibold uppercase text-red-700">
          {vi(`certificates.status.${c.status}`)} · {en(`certificates.status.${c.status}`)}
        </p>
      ) : null}
    </article>
  );
}
