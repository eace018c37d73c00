// The staff form of a lab resource (create and edit). Multipart because it may carry a photo; works without JS.
import { Form } from "@remix-run/react";
import { CheckboxField, FormErrors, FormScope, SelectField, TextAreaField, TextField } from "~/components/forms";
import { useT } from "~/i18n/react";
import type { ResourceFormValues } from "~/lab/views";

export const EMPTY_RESOURCE: ResourceFormValues = {
  slug: "",
  kind: "machine",
  nameVi: "",
  nameEn: "",
  descriptionVi: "",
  descriptionEn: "",
  location: "",
  capacity: 1,
  slotMinutes: 60,
  maxSlotsPerBooking: 3,
  maxHoursPerWeek: 4,
  minGrade: null,
  minAge: null,
  noShowPenalty: true,
  openingHours: "1-5 08:00-17:00\n6 08:00-12:00",
  programIds: [],
};

export function ResourceForm({ values, programs }: { values: ResourceFormValues; programs: { id: number; title: string }[] }) {
  const t = useT();
  const num = (v: number | null) => (v === null ? "" : String(v));
  return (
    <FormScope match={{ intent: "save" }}>
      <FormErrors />
      <Form method="post" encType="multipart/form-data" className="grid gap-3 md:grid-cols-2">
        <input type="hidden" name="intent" value="save" />
        <TextField name="nameVi" label={t("lab.staff.form.nameVi")} required maxLength={120} defaultValue={values.nameVi} />
        <TextField name="nameEn" label={t("lab.staff.form.nameEn")} maxLength={120} defaultValue={values.nameEn} />
        <TextField name="slug" label={t("lab.staff.form.slug")} required pattern="[a-z0-9\-]{2,80}" defaultValue={values.slug} />
        <SelectField
          name="kind"
          label={t("lab.staff.form.kind")}
          defaultValue={values.kind}
          options={[
            { value: "machine", label: t("lab.kind.machine") },
            { value: "room", label: t("lab.kind.room") },
          ]}
        />
        <TextAreaField name="descriptionVi" label={t("lab.staff.form.descriptionVi")} rows={3} defaultValue={values.descriptionVi} />
        <TextAreaField name="descriptionEn" label={t("lab.staff.form.descriptionEn")} rows={3} defaultValue={values.descriptionEn} />
        <TextField name="location" label={t("lab.staff.form.location")} maxLength={200} defaultValue={values.location} />
        <TextField name="photo" type="file" accept="image/jpeg,image/png,image/webp" label={t("lab.staff.form.photo")} />
        <TextField name="capacity" type="number" min={1} max={500} label={t("lab.staff.form.capacity")} defaultValue={String(values.capacity)} />
        <TextField name="slotMinutes" type="number" min={15} max={480} label={t("lab.staff.form.slotMinutes")} defaultValue={String(values.slotMinutes)} />
        <TextField name="maxSlotsPerBooking" type="number" min={1} max={24} label={t("lab.staff.form.maxSlots")} defaultValue={String(values.maxSlotsPerBooking)} />
        <TextField name="maxHoursPerWeek" type="number" min={1} max={168} label={t("lab.staff.form.maxHours")} defaultValue={num(values.maxHoursPerWeek)} />
        <TextField name="minGrade" type="number" min={1} max={12} label={t("lab.staff.form.minGrade")} defaultValue={num(values.minGrade)} />
        <TextField name="minAge" type="number" min={5} max={99} label={t("lab.staff.form.minAge")} defaultValue={num(values.minAge)} />
        <div className="md:col-span-2">
          <CheckboxField name="noShowPenalty" label={t("lab.staff.form.noShow")} defaultChecked={values.noShowPenalty} />
        </div>
        <TextAreaField name="openingHours" label={t("lab.staff.form.hours")} hint={t("lab.staff.form.hoursHint")} rows={4} defaultValue={values.openingHours} />
        <SelectField
          name="programIds"
          label={t("lab.staff.form.programs")}
          multiple
          size={Math.min(8, Math.max(3, programs.length))}
          defaultValue={values.programIds.map(String) as unknown as string}
          options={programs.map((p) => ({ value: String(p.id), label: p.title }))}
        />
        <div className="md:col-span-2">
          <button type="submit" className="btn">
            {t("lab.staff.form.save")}
          </button>
        </div>
      </Form>
    </FormScope>
  );
}
