// The booking form on a tour page: plain <Form>, works without JavaScript. "Use this class" posts the form back
// (intent useClass) and it returns filled from the class; the summary above the submit button ("You are booking:
// …", the fee, a passed cancellation deadline) is rendered by the server and, with JavaScript, follows the fields.
import { Form } from "@remix-run/react";
import { useEffect, useState, type FormEvent } from "react";
import { fieldValue, FormErrors, SelectField, TextAreaField, TextField, useFormReply } from "~/components/forms";
import { useFormat, useT } from "~/i18n/react";
import type { TourPageView } from "~/tours/views";

export type FilledFrom = {
  name: string;
  students: number;
  grade: number | null;
};

function positiveInt(v: string | undefined | null): number | null {
  const n = Number(v);
  return v && Number.isInteger(n) && n > 0 ? n : null;
}

export function BookingForm({ data, selectedSlot, filledFrom }: { data: TourPageView; selectedSlot: number | null; filledFrom: FilledFrom | null }) {
  const t = useT();
  const f = useFormat();
  const reply = useFormReply();
  const { tour } = data;
  const grades = Array.from({ length: tour.gradeMax - tour.gradeMin + 1 }, (_, i) => String(tour.gradeMin + i));
  const gradeOptions = grades.map((g) => ({ value: g, label: g }));

  // What the summary restates: the typed values of the last reply, else the slot of the URL, else the first one.
  const known = (id: number | null) => (id !== null && data.slots.some((s) => s.id === id) ? id : null);
  const initialSlot = known(positiveInt(fieldValue(reply, "slotId"))) ?? known(selectedSlot) ?? data.slots[0]?.id ?? null;
  const [slotId, setSlotId] = useState<number | null>(initialSlot);
  const [students, setStudents] = useState<number | null>(positiveInt(fieldValue(reply, "students")));
  // The calendar changes ?slot= on the client: the select remounts (its key) and the summary follows.
  useEffect(() => {
    if (known(selectedSlot) !== null) setSlotId(selectedSlot);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selectedSlot]);
  const onChange = (e: FormEvent<HTMLFormElement>) => {
    const form = new FormData(e.currentTarget);
    setSlotId(known(positiveInt(form.get("slotId")?.toString())));
    setStudents(positiveInt(form.get("students")?.toString()));
  };
  const slot = data.slots.find((s) => s.id === slotId) ?? null;

  return (
    <Form method="post" noValidate aria-labelledby="book" onChange={onChange}>
      {/* Enter in a field books (the first submit button of a form is the one Enter presses), not "use this class". */}
      <button type="submit" name="intent" value="book" hidden tabIndex={-1}>
        {t("tours.book.submit")}
      </button>
      <FormErrors />
      {filledFrom ? (
        <p className="alert alert-info" role="status">
          {filledFrom.grade === null
            ? t("tours.book.filledFrom", {
                name: filledFrom.name,
                count: filledFrom.students,
              })
            : t("tours.book.filledFromGrade", {
                name: filledFrom.name,
                count: filledFrom.students,
                grade: filledFrom.grade,
              })}
        </p>
      ) : null}
      <SelectField
        key={selectedSlot ?? "none"}
        name="slotId"
        label={t("tours.book.slot")}
        defaultValue={selectedSlot ? String(selectedSlot) : undefined}
        options={data.slots.map((s) => ({
          value: String(s.id),
          label: t("tours.book.slotOption", {
            when: f.dateTime(s.startsAt),
            count: s.left,
          }),
        }))}
      />
      {data.schools.length > 1 ? (
        <SelectField
          name="schoolId"
          label={t("tours.book.school")}
          options={data.schools.map((s) => ({
            value: String(s.id),
            label: s.name,
          }))}
        />
      ) : (
        <input type="hidden" name="schoolId" value={data.schools[0]?.id ?? ""} />
      )}
      {data.classes.length ? (
        <div className="flex flex-wrap items-end gap-x-3">
          <div className="min-w-0 flex-1">
            <SelectField
              name="classId"
              label={`${t("tours.book.class")} ${t("common.optional")}`}
              hint={t("tours.book.useClassHint")}
              options={[
                { value: "", label: t("tours.book.noClass") },
                ...data.classes.map((c) => ({
                  value: String(c.id),
                  label: t("tours.book.classOption", {
                    name: c.name,
                    count: c.members,
                  }),
                })),
              ]}
            />
          </div>
          <button type="submit" name="intent" value="useClass" className="btn-secondary mb-4">
            {t("tours.book.useClass")}
          </button>
        </div>
      ) : null}
      <TextField
        name="students"
        type="number"
        inputMode="numeric"
        min={tour.groupMin}
        max={tour.groupMax}
        label={t("tours.book.students")}
        hint={t("tours.book.studentsHint", {
          min: tour.groupMin,
          max: tour.groupMax,
        })}
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
      <div className="mb-4 space-y-2 rounded border border-slate-300 p-3" aria-live="polite" data-testid="booking-summary">
        {slot ? (
          <p className="font-semibold">
            {t("tours.book.summary", {
              when: `${f.longDate(slot.startsAt)} ${f.time(slot.startsAt)}–${f.time(slot.endsAt)}`,
            })}
          </p>
        ) : null}
        <p>
          {tour.feeVnd === 0
            ? t("tours.book.summaryFree")
            : students
            ? t("tours.book.summaryFee", {
                fee: f.money(tour.feeVnd * students),
                students,
                perStudent: f.money(tour.feeVnd),
              })
            : t("tours.book.summaryFeePer", {
                perStudent: f.money(tour.feeVnd),
              })}
        </p>
        {slot?.cancelPassed ? (
          <p className="alert alert-warn">
            {t("tours.book.deadlinePassed", {
              days: tour.cancelDaysBefore,
              deadline: f.dateTime(slot.cancelBy),
            })}
          </p>
        ) : null}
      </div>
      <button type="submit" name="intent" value="book" className="btn">
        {t("tours.book.submit")}
      </button>
    </Form>
  );
}
