// One row of the staff certificates table, with revoke and reissue forms (plain forms, no JavaScript needed).
import { Form, useActionData } from "@remix-run/react";
import type { StaffCertificateRow as StaffRow } from "~/certificates/views";
import { TextField } from "~/components/forms";
import { useFormat, useT } from "~/i18n/react";
import { CertificateStatusBadge } from "./StatusBadge";

type Reply = { status?: string; initialValue?: Record<string, unknown> | null; error?: Record<string, string[] | null> | null };

export function StaffCertificateRow({ c }: { c: StaffRow }) {
  const t = useT();
  const f = useFormat();
  const last = (useActionData() as { submission?: Reply } | undefined)?.submission;
  // Errors of a row's form are shown on that row only.
  const mine: Reply = last && String(last.initialValue?.certificateId ?? "") === String(c.id) ? last : {};
  return (
    <tr>
      <td>
        <span className="font-semibold">{c.recipientName}</span>
        <br />
        <span className="text-slate-600">{c.login}</span>
      </td>
      <td>
        {c.title}
        <br />
        <span className="text-slate-600">
          {t(`certificates.kind.${c.kind}`)} · {f.date(c.issuedAt)}
        </span>
      </td>
      <td>
        <a href={`/verify/${c.code}`}>{c.serial}</a>
      </td>
      <td>
        <CertificateStatusBadge status={c.status} />
        {c.status === "revoked" && c.revokedAt ? (
          <p className="mt-1 text-xs text-slate-600">
            {f.date(c.revokedAt)}: {c.revokedReason}
          </p>
        ) : null}
      </td>
      <td className="min-w-64">
        <a href={`/certificates/${c.id}.pdf`}>{t("certificates.downloadPdf")}</a>
        {c.status === "valid" ? (
          <details className="mt-2" open={Object.keys(mine.error ?? {}).length > 0}>
            <summary className="cursor-pointer text-accent">{t("certificates.staff.manage")}</summary>
            <Form method="post" className="mt-2" aria-label={`${t("certificates.staff.revoke")} ${c.serial}`}>
              <input type="hidden" name="intent" value="revoke" />
              <input type="hidden" name="certificateId" value={c.id} />
              <TextField name="reason" label={t("certificates.staff.reason")} reply={mine} required maxLength={500} />
              <button type="submit" className="btn-danger">
                {t("certificates.staff.revoke")}
              </button>
            </Form>
            <Form method="post" className="mt-2" aria-label={`${t("certificates.staff.reissue")} ${c.serial}`}>
              <input type="hidden" name="intent" value="reissue" />
              <input type="hidden" name="certificateId" value={c.id} />
              <TextField name="recipientName" label={t("certificates.staff.newName")} reply={mine} maxLength={120} />
              <button type="submit" className="btn-secondary">
                {t("certificates.staff.reissue")}
              </button>
            </Form>
          </details>
        ) : null}
      </td>
    </tr>
  );
}
