// Staff: issue a certificate by hand (a student found by email or username, a program, optional hours).
import { Form, useActionData } from "@remix-run/react";
import type { CertifiableProgram } from "~/certificates/views";
import { SelectField, TextField } from "~/components/forms";
import { useT } from "~/i18n/react";

type Reply = { initialValue?: Record<string, unknown> | null; error?: Record<string, string[] | null> | null };

export function IssueCertificateForm({ programs }: { programs: CertifiableProgram[] }) {
  const t = useT();
  const last = (useActionData() as { submission?: Reply } | undefined)?.submission;
  const mine: Reply = last && last.initialValue?.intent === "issue" ? last : {};
  return (
    <section className="card mt-8 max-w-xl" aria-labelledby="issue-heading">
      <h2 id="issue-heading">{t("certificates.staff.issueHeading")}</h2>
      <p className="mb-4 mt-1 text-sm text-slate-700">{t("certificates.staff.issueHint")}</p>
      <Form method="post">
        <input type="hidden" name="intent" value="issue" />
        <TextField name="identifier" label={t("certificates.staff.identifier")} reply={mine} required maxLength={200} autoComplete="off" />
        <SelectField
          name="programId"
          label={t("certificates.staff.program")}
          reply={mine}
          required
          options={[
            { value: "", label: "—" },
            ...programs.map((p) => ({
              value: String(p.id),
              label: `${p.title} (${t(`certificates.kind.${p.kind}`)})`,
            })),
          ]}
        />
        <TextField
          name="hours"
          label={t("certificates.staff.hours")}
          reply={mine}
          type="number"
          min={0}
          max={1000}
          step="0.5"
          inputMode="decimal"
        />
        <button type="submit" className="btn">
          {t("certificates.staff.issue")}
        </button>
      </Form>
    </section>
  );
}
