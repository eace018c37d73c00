import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/lib/guards.server";
import { reissueCertificate, revokeCertificate } from "~/certificates/issue.server";
import { searchCertificates } from "~/certificates/queries.server";
import { staffActionSchema, staffFilterSchema } from "~/certificates/schemas";
import { certifiablePrograms, issueManually } from "~/certificates/staff.server";
import { IssueCertificateForm } from "~/components/certificates/IssueCertificateForm";
import { StaffCertificateRow } from "~/components/certificates/StaffCertificateRow";
import { FormErrors } from "~/components/forms";
import { PageHeading, Pagination } from "~/components/layout";
import { useT } from "~/i18n/react";
import { db } from "~/lib/db.server";
import { formFailure, parseForm, parseParam } from "~/lib/forms.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  const filter = parseParam(staffFilterSchema, Object.fromEntries(new URL(request.url).searchParams));
  const [list, programs] = await Promise.all([searchCertificates(db, filter), certifiablePrograms(db)]);
  return { ...list, filter, programs };
}

const back = (serial: string, notice: string) => redirect(`/staff/certificates?q=${encodeURIComponent(serial)}&notice=${notice}`);

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  const form = await parseForm(request, staffActionSchema);
  if (!form.ok) return formFailure(form.submission);
  const input = form.value;
  if (input.intent === "issue") {
    const r = await issueManually(db, { identifier: input.identifier, programId: input.programId, hours: input.hours, staffId: staff.id });
    if (r.ok) return back(r.certificate.serial, r.created ? "notice.certificates.issued" : "notice.certificates.existing");
    if (r.reason === "userNotFound" || r.reason === "unknownUser") {
      return formFailure(form.submission, { fieldErrors: { identifier: ["certificates.errors.userNotFound"] }, status: 404 });
    }
    return formFailure(form.submission, { fieldErrors: { programId: ["certificates.errors.programNotFound"] }, status: 404 });
  }
  const cert = await db.selectFrom("certificates").select(["id", "serial"]).where("id", "=", input.certificateId).executeTakeFirst();
  if (!cert) return formFailure(form.submission, { formErrors: ["certificates.errors.notFound"], status: 404 });
  if (input.intent === "revoke") {
    const r = await revokeCertificate(db, { certificateId: cert.id, reason: input.reason });
    if (!r.ok) return formFailure(form.submission, { formErrors: ["certificates.errors.notValid"], status: 409 });
    return back(cert.serial, "notice.certificates.revoked");
  }
  const r = await reissueCertificate(db, { certificateId: cert.id, recipientName: input.recipientName, issuedBy: staff.id });
  if (!r.ok) return formFailure(form.submission, { formErrors: ["certificates.errors.notValid"], status: 409 });
  return back(r.certificate.serial, "notice.certificates.reissued");
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
