// The staff form of a tour's catalogue entry and settings (create and edit).
import { Form } from "@remix-run/react";
import { CheckboxField, FormErrors, SelectField, TextAreaField, TextField } from "~/components/forms";
import { useT } from "~/i18n/react";
import type { TourFormValues } from "~/tours/schemas";

export function TourForm({ values }: { values?: TourFormValues }) {
  const t = useT();
  const v = values;
  const num = (n: number | undefined, d: number) => String(n ?? d);
  return (
    <Form method="post" className="card">
      <FormErrors />
      <input type="hidden" name="intent" value="save" />
      <div className="grid gap-x-4 sm:grid-cols-2">
        <TextField name="titleVi" label={t("tours.staff.titleVi")} defaultValue={v?.titleVi} required />
        <TextField name="titleEn" label={t("tours.staff.titleEn")} defaultValue={v?.titleEn} />
        <TextField name="slug" label={t("tours.staff.slug")} defaultValue={v?.slug} required />
        <SelectField
          name="status"
          label={t("tours.staff.status")}
          defaultValue={v?.status ?? "draft"}
          options={(["draft", "published", "archived"] as const).map((s) => ({ value: s, label: t(`tours.staff.status.${s}`) }))}
        />
        <TextAreaField name="summaryVi" rows={2} label={t("tours.staff.summaryVi")} defaultValue={v?.summaryVi} />
        <TextAreaField name="summaryEn" rows={2} label={t("tours.staff.summaryEn")} defaultValue={v?.summaryEn} />
        <TextAreaField name="descriptionVi" rows={5} label={t("tours.staff.descriptionVi")} defaultValue={v?.descriptionVi} />
        <TextAreaField name="descriptionEn" rows={5} label={t("tours.staff.descriptionEn")} defaultValue={v?.descriptionEn} />
        <TextAreaField name="activitiesVi" rows={5} label={t("tours.staff.activitiesVi")} defaultValue={v?.activitiesVi} />
        <TextAreaField name="activitiesEn" rows={5} label={t("tours.staff.activitiesEn")} defaultValue={v?.activitiesEn} />
        <TextField name="gradeMin" type="number" min={1} max={12} label={t("tours.staff.gradeMin")} defaultValue={num(v?.gradeMin, 6)} />
        <TextField name="gradeMax" type="number" min={1} max={12} label={t("tours.staff.gradeMax")} defaultValue={num(v?.gradeMax, 12)} />
        <TextField name="groupMin" type="number" min={1} label={t("tours.staff.groupMin")} defaultValue={num(v?.groupMin, 10)} />
        <TextField name="groupMax" type="number" min={1} label={t("tours.staff.groupMax")} defaultValue={num(v?.groupMax, 45)} />
        <TextField name="durationMinutes" type="number" min={15} label={t("tours.staff.duration")} defaultValue={num(v?.durationMinutes, 120)} />
        <TextField name="feeVnd" type="number" min={0} step={1000} label={t("tours.staff.fee")} defaultValue={num(v?.feeVnd, 0)} />
        <TextField name="cancelDaysBefore" type="number" min={0} label={t("tours.staff.cancelDays")} defaultValue={num(v?.cancelDaysBefore, 3)} />
        <TextAreaField name="ratioRules" rows={3} label={t("tours.staff.ratioRules")} hint={t("tours.staff.ratioRulesHint")} defaultValue={v?.ratioRules ?? "6-9: 15\n10-12: 20"} />
      </div>
      <CheckboxField name="participationCertificates" label={t("tours.staff.certificates")} defaultChecked={v?.participationCertificates ?? true} />
      <CheckboxField name="mailReminders" label={t("tours.staff.mailReminders")} defaultChecked={v?.mailReminders ?? true} />
      <button type="submit" className="btn">
        {t("tours.staff.save")}
      </button>
    </Form>
  );
}
