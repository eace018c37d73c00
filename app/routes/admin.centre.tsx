import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData, useNavigation } from "@remix-run/react";
import { getCentreForm, updateCentre } from "~/centre/centre.server";
import { centreSettingsSchema } from "~/centre/schemas";
import { FormErrors, TextAreaField, TextField } from "~/components/forms";
import { PageHeading } from "~/components/layout";
import { titleMeta } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import { db } from "~/lib/db.server";
import { formFailure, parseForm } from "~/lib/forms.server";
import { requireRole } from "~/lib/guards.server";
import { nowIso } from "~/lib/time";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "centre.admin.title");

// /admin/centre: the centre's contact details, what to bring, bank-transfer details and how long medical notes
// are kept after a visit (admin only, audited).
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  return { values: await getCentreForm(db) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const form = await parseForm(request, centreSettingsSchema);
  if (!form.ok) return formFailure(form.submission);
  await updateCentre(db, { values: form.value, actor: { userId: admin.id, ip: context?.clientIp ?? "unknown" }, now: nowIso() });
  return redirect("/admin/centre?notice=notice.centre.saved");
}

export default function CentreSettings() {
  const t = useT();
  const { values: v } = useLoaderData<typeof loader>();
  const busy = useNavigation().state === "submitting";
  return (
    <div className="mx-auto max-w-2xl">
      <PageHeading lead={t("centre.admin.lead")}>{t("centre.admin.title")}</PageHeading>
      <Form method="post" className="card space-y-6" noValidate>
        <FormErrors />
        <fieldset>
          <legend className="mb-2 text-lg font-semibold">{t("centre.admin.contact")}</legend>
          <TextField name="nameVi" label={t("centre.field.nameVi")} defaultValue={v.nameVi} maxLength={120} />
          <TextField name="nameEn" label={t("centre.field.nameEn")} defaultValue={v.nameEn} maxLength={120} />
          <TextField name="phone" type="tel" label={t("centre.phone")} defaultValue={v.phone} maxLength={40} autoComplete="off" />
          <TextField name="zalo" type="tel" label={t("centre.zalo")} defaultValue={v.zalo} maxLength={40} autoComplete="off" />
          <TextField name="email" type="email" label={t("centre.email")} defaultValue={v.email} maxLength={254} autoComplete="off" />
          <TextField name="addressVi" label={t("centre.field.addressVi")} defaultValue={v.addressVi} maxLength={300} />
          <TextField name="addressEn" label={t("centre.field.addressEn")} defaultValue={v.addressEn} maxLength={300} />
          <TextField name="mapUrl" type="url" label={t("centre.field.mapUrl")} hint={t("centre.field.mapUrlHint")} defaultValue={v.mapUrl} maxLength={500} />
          <TextField name="hoursVi" label={t("centre.field.hoursVi")} defaultValue={v.hoursVi} maxLength={300} />
          <TextField name="hoursEn" label={t("centre.field.hoursEn")} defaultValue={v.hoursEn} maxLength={300} />
        </fieldset>
        <fieldset>
          <legend className="mb-2 text-lg font-semibold">{t("centre.admin.workshop")}</legend>
          <TextAreaField name="bringVi" label={t("centre.field.bringVi")} defaultValue={v.bringVi} maxLength={1000} rows={3} />
          <TextAreaField name="bringEn" label={t("centre.field.bringEn")} defaultValue={v.bringEn} maxLength={1000} rows={3} />
        </fieldset>
        <fieldset>
          <legend className="mb-2 text-lg font-semibold">{t("centre.admin.bank")}</legend>
          <TextField name="bankName" label={t("centre.field.bankName")} defaultValue={v.bankName} maxLength={120} />
          <TextField name="bankAccount" label={t("centre.field.bankAccount")} hint={t("centre.field.bankHint")} defaultValue={v.bankAccount} maxLength={60} />
          <TextField name="bankHolder" label={t("centre.field.bankHolder")} defaultValue={v.bankHolder} maxLength={120} />
        </fieldset>
        <fieldset>
          <legend className="mb-2 text-lg font-semibold">{t("centre.admin.privacy")}</legend>
          <TextField
            name="medicalRetentionDays"
            type="number"
            inputMode="numeric"
            min={1}
            max={365}
            label={t("centre.field.medicalRetentionDays")}
            hint={t("centre.field.medicalRetentionHint")}
            defaultValue={String(v.medicalRetentionDays)}
          />
        </fieldset>
        <button type="submit" className="btn" disabled={busy}>
          {t("centre.admin.save")}
        </button>
      </Form>
    </div>
  );
}
