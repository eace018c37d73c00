// The fields of a course (program fields + course settings) for the staff create and edit forms.
import { SelectField, TextAreaField, TextField } from "~/components/forms";
import { useT } from "~/i18n/react";

export interface CourseDefaults {
  slug?: string;
  titleVi?: string;
  titleEn?: string | null;
  summaryVi?: string;
  summaryEn?: string | null;
  descriptionVi?: string;
  descriptionEn?: string | null;
  gradeMin?: number | null;
  gradeMax?: number | null;
  topics?: string;
  topicsEn?: string;
  enrolmentMode?: string;
  enrolmentKey?: string | null;
  capacity?: number | null;
  opensOn?: string | null;
  closesOn?: string | null;
  prerequisiteProgramId?: number | null;
  estimatedHours?: number | null;
}

const str = (v: string | number | null | undefined) => (v === null || v === undefined ? "" : String(v));

export function CourseFields({ d, prerequisites }: { d: CourseDefaults; prerequisites: { id: number; title: string }[] }) {
  const t = useT();
  return (
    <div className="grid gap-x-6 md:grid-cols-2">
      <TextField name="titleVi" label={t("courses.fields.titleVi")} defaultValue={str(d.titleVi)} required />
      <TextField name="titleEn" label={t("courses.fields.titleEn")} defaultValue={str(d.titleEn)} />
      <TextField name="slug" label={t("courses.fields.slug")} hint={t("courses.fields.slugHint")} defaultValue={str(d.slug)} required />
      <TextField name="topics" label={t("courses.fields.topics")} hint={t("courses.fields.topicsHint")} defaultValue={str(d.topics)} />
      <TextField name="topicsEn" label={t("catalog.form.topicsEn")} hint={t("catalog.form.topicsEnHint")} defaultValue={str(d.topicsEn)} maxLength={300} />
      <TextAreaField name="summaryVi" label={t("courses.fields.summaryVi")} defaultValue={str(d.summaryVi)} rows={2} />
      <TextAreaField name="summaryEn" label={t("courses.fields.summaryEn")} defaultValue={str(d.summaryEn)} rows={2} />
      <TextAreaField name="descriptionVi" label={t("courses.fields.descriptionVi")} hint={t("courses.fields.markdownHint")} defaultValue={str(d.descriptionVi)} rows={5} />
      <TextAreaField name="descriptionEn" label={t("courses.fields.descriptionEn")} defaultValue={str(d.descriptionEn)} rows={5} />
      <TextField name="gradeMin" type="number" min={1} max={12} label={t("courses.fields.gradeMin")} defaultValue={str(d.gradeMin)} />
      <TextField name="gradeMax" type="number" min={1} max={12} label={t("courses.fields.gradeMax")} defaultValue={str(d.gradeMax)} />
      <TextField name="estimatedHours" type="number" min={0} step="0.5" label={t("courses.fields.estimatedHours")} defaultValue={str(d.estimatedHours)} />
      <SelectField
        name="enrolmentMode"
        label={t("courses.fields.enrolmentMode")}
        defaultValue={d.enrolmentMode ?? "open"}
        options={(["open", "key", "class_only"] as const).map((m) => ({ value: m, label: t(`courses.mode.${m}`) }))}
      />
      <TextField name="enrolmentKey" label={t("courses.fields.enrolmentKey")} hint={t("courses.fields.enrolmentKeyHint")} defaultValue={str(d.enrolmentKey)} autoComplete="off" />
      <TextField name="capacity" type="number" min={1} label={t("courses.fields.capacity")} hint={t("courses.fields.capacityHint")} defaultValue={str(d.capacity)} />
      <TextField name="opensOn" type="date" label={t("courses.fields.opensOn")} defaultValue={str(d.opensOn)} />
      <TextField name="closesOn" type="date" label={t("courses.fields.closesOn")} defaultValue={str(d.closesOn)} />
      <SelectField
        name="prerequisiteProgramId"
        label={t("courses.fields.prerequisite")}
        defaultValue={str(d.prerequisiteProgramId)}
        options={[{ value: "", label: t("courses.fields.noPrerequisite") }, ...prerequisites.map((p) => ({ value: String(p.id), label: p.title }))]}
      />
    </div>
  );
}
