// The staff form of a workshop program (create and edit share it). Works without JavaScript.
import { Form } from "@remix-run/react";
import { FormErrors, TextAreaField, TextField } from "~/components/forms";
import { useT } from "~/i18n/react";

export interface ProgramFormValues {
  slug?: string;
  title_vi?: string;
  title_en?: string | null;
  summary_vi?: string;
  summary_en?: string | null;
  description_vi?: string;
  description_en?: string | null;
  grade_min?: number | null;
  grade_max?: number | null;
  age_min?: number | null;
  age_max?: number | null;
  fee_vnd?: number;
  cover_url?: string | null;
  topics?: string;
}

const s = (v: string | number | null | undefined) => (v === null || v === undefined ? undefined : String(v));

export function ProgramForm({ values = {}, submitLabel }: { values?: ProgramFormValues; submitLabel: string }) {
  const t = useT();
  return (
    <Form method="post" className="card" noValidate>
      <input type="hidden" name="intent" value="save" />
      <FormErrors />
      <div className="grid gap-x-4 md:grid-cols-2">
        <TextField name="titleVi" label={t("catalog.form.titleVi")} defaultValue={s(values.title_vi)} required maxLength={200} />
        <TextField name="titleEn" label={t("catalog.form.titleEn")} defaultValue={s(values.title_en)} maxLength={200} />
        <TextField name="slug" label={t("catalog.form.slug")} hint={t("catalog.form.slugHint")} defaultValue={s(values.slug)} maxLength={80} />
        <TextField name="topics" label={t("catalog.form.topics")} hint={t("catalog.form.topicsHint")} defaultValue={s(values.topics)} maxLength={300} />
        <TextAreaField name="summaryVi" label={t("catalog.form.summaryVi")} defaultValue={s(values.summary_vi)} rows={2} maxLength={500} />
        <TextAreaField name="summaryEn" label={t("catalog.form.summaryEn")} defaultValue={s(values.summary_en)} rows={2} maxLength={500} />
        <TextAreaField name="descriptionVi" label={t("catalog.form.descriptionVi")} hint={t("catalog.form.markdownHint")} defaultValue={s(values.description_vi)} rows={8} />
        <TextAreaField name="descriptionEn" label={t("catalog.form.descriptionEn")} hint={t("catalog.form.markdownHint")} defaultValue={s(values.description_en)} rows={8} />
        <TextField name="gradeMin" type="number" label={t("catalog.form.gradeMin")} defaultValue={s(values.grade_min)} min={1} max={12} />
        <TextField name="gradeMax" type="number" label={t("catalog.form.gradeMax")} defaultValue={s(values.grade_max)} min={1} max={12} />
        <TextField name="ageMin" type="number" label={t("catalog.form.ageMin")} defaultValue={s(values.age_min)} min={3} max={99} />
        <TextField name="ageMax" type="number" label={t("catalog.form.ageMax")} defaultValue={s(values.age_max)} min={3} max={99} />
        <TextField name="feeVnd" type="number" label={t("catalog.form.feeVnd")} defaultValue={s(values.fee_vnd ?? 0)} min={0} step={1000} />
        <TextField name="coverUrl" type="url" label={t("catalog.form.coverUrl")} defaultValue={s(values.cover_url)} maxLength={500} />
      </div>
      <button type="submit" className="btn">
        {submitLabel}
      </button>
    </Form>
  );
}
