// The staff form of a workshop program (create and edit share it). Works without JavaScript.
import { Form } from "@remix-run/react";
import { CheckboxField, FormErrors, TextAreaField, TextField } from "~/components/forms";
import type { ProgramFormValues } from "~/catalog/views";
import { useT } from "~/i18n/react";

export function ProgramForm({ values = {}, submitLabel }: { values?: ProgramFormValues; submitLabel: string }) {
  const t = useT();
  return (
    <Form method="post" className="card" noValidate>
      <input type="hidden" name="intent" value="save" />
      <FormErrors />
      <div className="grid gap-x-4 md:grid-cols-2">
        <TextField name="titleVi" label={t("catalog.form.titleVi")} defaultValue={values.titleVi} required maxLength={200} />
        <TextField name="titleEn" label={t("catalog.form.titleEn")} defaultValue={values.titleEn} maxLength={200} />
        <TextField name="slug" label={t("catalog.form.slug")} hint={t("catalog.form.slugHint")} defaultValue={values.slug} maxLength={80} />
        <TextField name="topics" label={t("catalog.form.topics")} hint={t("catalog.form.topicsHint")} defaultValue={values.topics} maxLength={300} />
        <TextField name="topicsEn" label={t("catalog.form.topicsEn")} hint={t("catalog.form.topicsEnHint")} defaultValue={values.topicsEn} maxLength={300} />
        <TextAreaField name="summaryVi" label={t("catalog.form.summaryVi")} defaultValue={values.summaryVi} rows={2} maxLength={500} />
        <TextAreaField name="summaryEn" label={t("catalog.form.summaryEn")} defaultValue={values.summaryEn} rows={2} maxLength={500} />
        <TextAreaField name="descriptionVi" label={t("catalog.form.descriptionVi")} hint={t("catalog.form.markdownHint")} defaultValue={values.descriptionVi} rows={8} />
        <TextAreaField name="descriptionEn" label={t("catalog.form.descriptionEn")} hint={t("catalog.form.markdownHint")} defaultValue={values.descriptionEn} rows={8} />
        <TextField name="gradeMin" type="number" label={t("catalog.form.gradeMin")} defaultValue={values.gradeMin} min={1} max={12} />
        <TextField name="gradeMax" type="number" label={t("catalog.form.gradeMax")} defaultValue={values.gradeMax} min={1} max={12} />
        <TextField name="ageMin" type="number" label={t("catalog.form.ageMin")} defaultValue={values.ageMin} min={3} max={99} />
        <TextField name="ageMax" type="number" label={t("catalog.form.ageMax")} defaultValue={values.ageMax} min={3} max={99} />
        <TextField name="feeVnd" type="number" label={t("catalog.form.feeVnd")} defaultValue={values.feeVnd ?? "0"} min={0} step={1000} />
        <TextField name="coverUrl" type="url" label={t("catalog.form.coverUrl")} defaultValue={values.coverUrl} maxLength={500} />
      </div>
      <CheckboxField name="mailReminders" label={t("catalog.form.mailReminders")} defaultChecked={values.mailReminders ?? true} />
      <CheckboxField name="requiresSlip" label={t("catalog.form.requiresSlip")} defaultChecked={values.requiresSlip ?? false} />
      <button type="submit" className="btn">
        {submitLabel}
      </button>
    </Form>
  );
}
