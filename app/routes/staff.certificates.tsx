import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { reissueCertificate, revokeCertificate } from "~/certificates/issue.server";
import { searchCertificates } from "~/certificates/queries.server";
import { issueRefusals, reissueRefusals, revokeRefusals } from "~/certificates/refusals";
import { staffActionSchema, staffFilterSchema } from "~/certificates/schemas";
import { certifiablePrograms, issueManually } from "~/certificates/staff.server";
import { IssueCertificateForm } from "~/components/certificates/IssueCertificateForm";
import { StaffCertificateRow } from "~/components/certificates/StaffCertificateRow";
import { FormErrors } from "~/components/forms";
import { PageHeading, Pagination } from "~/components/layout";
import { resolveLocale } from "~/i18n/locale.server";
import { useT } from "~/i18n/react";
import { db } from "~/lib/db.server";
import { formFailure, parseForm, parseParam, refusalReply } from "~/lib/forms.server";
import { requireStaff } from "~/lib/guards.server";
import { nowIso } from "~/lib/time";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaff(request);
  const filter = parseParam(staffFilterSchema, Object.fromEntries(new URL(request.url).searchParams));
  const locale = await resolveLocale(request, user);
  const [list, programs] = await Promise.all([searchCertificates(db, { ...filter, locale }), certifiablePrograms(db, locale)]);
  return { ...list, filter, programs };
}

/** Back to the list, showing the certificate acted on, with a one-line confirmation. */
function back(serial: string, notice: "issued" | "existing" | "revoked" | "reissued") {
  return redirect(`/staff/certificates?q=${encodeURIComponent(serial)}&notice=notice.certificates.${notice}`);
}

export async function action({ request, context }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  const form = await parseForm(request, staffActionSchema);
  if (!form.ok) return formFailure(form.submission);
  const input = form.value;
  const now = nowIso();
  switch (input.intent) {
    case "issue": {
      const r = await issueManually(db, { identifier: input.identifier, programId: input.programId, hours: input.hours, staffId: staff.id, now });
      if (!r.ok) return refusalReply(form.submission, r, issueRefusals);
      return back(r.value.certificate.serial, r.value.created ? "issued" : "existing");
    }
    case "revoke": {
      const r = await revokeCertificate(db, { certificateId: input.certificateId, reason: input.reason, actor: { userId: staff.id, ip: context?.clientIp ?? "unknown" }, now });
      if (!r.ok) return refusalReply(form.submission, r, revokeRefusals);
      return back(r.value.serial, "revoked");
    }
    case "reissue": {
      const r = await reissueCertificate(db, { certificateId: input.certificateId, recipientName: input.recipientName, issuedBy: staff.id, now });
      if (!r.ok) return refusalReply(form.submission, r, reissueRefusals);
      return back(r.value.certificate.serial, "reissued");
    }
  }
}

export default function StaffCertificates() {
  const t = useT();
  const { rows, total, pages, filter, programs } = useLoaderData<typeof loader>();
  return (
    <div>
      <PageHeading lead={t("certificates.staff.lead")}>{t("certificates.staff.title")}</PageHeading>
      <p className="mb-4">
        <a href="#issue-heading">{t("certificates.staff.jumpToIssue")}</a>
      </p>
      <FormErrors />
      <Form key={JSON.stringify(filter)} method="get" className="mb-6 flex flex-wrap items-end gap-3" role="search">
        <div className="field min-w-64 flex-1">
          <label htmlFor="q">{t("certificates.staff.search")}</label>
          <input id="q" name="q" type="search" defaultValue={filter.q} />
        </div>
        <div className="field">
          <label htmlFor="status">{t("certificates.staff.statusFilter")}</label>
          <select id="status" name="status" defaultValue={filter.status ?? ""}>
            <option value="">{t("certificates.staff.anyStatus")}</option>
            {(["valid", "revoked", "superseded"] as const).map((s) => (
              <option key={s} value={s}>
                {t(`certificates.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn mb-4">
          {t("certificates.staff.filter")}
        </button>
      </Form>
      <p className="mb-2 text-sm text-slate-700">{t("certificates.staff.total", { count: total })}</p>
      {rows.length === 0 ? (
        <p className="card">{t("certificates.staff.none")}</p>
      ) : (
        <div className="overflow-x-auto">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("certificates.recipient")}</th>
                <th scope="col">{t("certificates.program")}</th>
                <th scope="col">{t("certificates.serial")}</th>
                <th scope="col">{t("certificates.statusLabel")}</th>
                <th scope="col">{t("certificates.staff.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((c) => (
                <StaffCertificateRow key={c.id} c={c} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={filter.page} pages={pages} />
      <IssueCertificateForm programs={programs} />
    </div>
  );
}
