// The booking form on a tour page: plain <Form>, works without JavaScript.
import { Form } from "@remix-run/react";
import { FormErrors, SelectField, TextAreaField, TextField } from "~/components/forms";
import { useFormat, useT } from "~/i18n/react";
import type { TourPageView } from "~/tours/views";

export function BookingForm({ data, selectedSlot }: { data: TourPageView; selectedSlot: number | null }) {
  const t = useT();
  const f = useFormat();
  const { tour } = data;
  const grades = Array.from({ length: tour.gradeMax - tour.gradeMin + 1 }, (_, i) => String(tour.gradeMin + i));
  const gradeOptions = grades.map((g) => ({ value: g, label: g }));
  return (
    <Form method="post" noValidate aria-labelledby="book">
      <FormErrors />
      {/* The calendar changes ?slot= on the client: a key that follows it remounts the select, so its
          default (uncontrolled) value is the slot the user clicked, not the one first rendered. */}
      <SelectField
        key={selectedSlot ?? "none"}
        name="slotId"
        label={t("tours.book.slot")}
        defaultValue={selectedSlot ? String(selectedSlot) : undefined}
        options={data.slots.map((s) => ({ value: String(s.id), label: t("tours.book.slotOption", { when: f.dateTime(s.startsAt), count: s.left }) }))}
      />
      {data.schools.length > 1 ? (
        <SelectField name="schoolId" label={t("tours.book.school")} options={data.schools.map((s) => ({ value: String(s.id), label: s.name }))} />
      ) : (
        <input type="hidden" name="schoolId" value={data.schools[0]?.id ?? ""} />
      )}
      {data.classes.length ? (
        <SelectField
          name="classId"
          label={`${t("tours.book.class")} ${t("common.optional")}`}
          options={[
            { value: "", label: t("tours.book.noClass") },
            ...data.classes.map((c) => ({ value: String(c.id), label: t("tours.book.classOption", { name: c.name, count: c.members }) })),
          ]}
        />
      ) : null}
      <TextField
        name="students"
        type="number"
        inputMode="numeric"
        min={tour.groupMin}
        max={tour.groupMax}
        label={t("tours.book.students")}
        hint={t("tours.book.studentsHint", { min: tour.groupMin, max: tour.groupMax })}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField name="gradeMin" label={t("tours.book.gradeMin")} options={gradeOptions} />
        <SelectField name="gradeMax" label={t("tours.book.gradeMax")} options={gradeOptions} />
      </div>
      <TextField name="adults" type="number" inputMode="numeric" min={0} label={t("tours.book.adults")} hint={t("tours.book.adultsHint")} />
      <TextField name="contactName" label={t("tours.book.contactName")} autoComplete="name" />
      <TextField name="contactPhone" type="tel" label={t("tours.book.contactPhone")} autoComplete="tel" />
      <TextAreaField name="accessibilityNeeds" rows={2} label={`${t("tours.book.accessibility")} ${t("common.optional")}`} />
      <TextAreaField name="notes" rows={3} label={`${t("tours.book.notes")} ${t("common.optional")}`} />
      <button type="submit" className="btn">
        {t("tours.book.submit")}
      </button>
    </Form>
  );
}
