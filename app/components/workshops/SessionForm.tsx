// The staff form of a session: room, capacity, instructor, registration window, and up to 8 meeting rows
// (empty rows are ignored), so a 4-Saturday workshop is one session. Works without JavaScript.
import { Form } from "@remix-run/react";
import { FormErrors, SelectField, TextField, useFormReply } from "~/components/forms";
import { useT } from "~/i18n/react";
import type { SessionFormDefaults } from "~/workshops/schemas";

export function SessionForm({
  defaults = {},
  instructors,
  maxMeetings,
  submitLabel,
}: {
  defaults?: SessionFormDefaults;
  instructors: { id: number; name: string }[];
  maxMeetings: number;
  submitLabel: string;
}) {
  const t = useT();
  // After a refused submit, the meeting rows show what was typed (nested values are not read by TextField).
  const typed = useFormReply()?.initialValue?.meetings as ({ date?: string; start?: string; end?: string } | undefined)[] | undefined;
  const rows = Array.from({ length: maxMeetings }, (_, i) => (typed ? typed[i] : defaults.meetings?.[i]));
  return (
    <Form method="post" className="card" noValidate>
      <input type="hidden" name="intent" value="save" />
      <FormErrors />
      <div className="grid gap-x-4 md:grid-cols-2">
        <TextField name="room" label={t("workshops.room")} defaultValue={defaults.room} required maxLength={100} />
        <TextField name="capacity" type="number" label={t("workshops.staff.capacity")} defaultValue={defaults.capacity?.toString()} required min={1} max={1000} />
        <SelectField
          name="instructorId"
          label={t("workshops.instructor")}
          defaultValue={defaults.instructorId ? String(defaults.instructorId) : ""}
          options={[{ value: "", label: t("common.none") }, ...instructors.map((i) => ({ value: String(i.id), label: i.name }))]}
        />
        <TextField
          name="minAttendancePercent"
          type="number"
          label={t("workshops.staff.minAttendance")}
          defaultValue={String(defaults.minAttendancePercent ?? 100)}
          min={1}
          max={100}
        />
        <TextField name="opensAt" type="datetime-local" label={t("workshops.staff.opensAt")} defaultValue={defaults.opensAt} />
        <TextField name="closesAt" type="datetime-local" label={t("workshops.staff.closesAt")} defaultValue={defaults.closesAt} />
        <TextField
          name="cancellationDeadline"
          type="datetime-local"
          label={t("workshops.staff.cancellationDeadline")}
          defaultValue={defaults.cancellationDeadline}
        />
      </div>
      <fieldset className="mt-4">
        <legend className="font-semibold">{t("workshops.staff.meetings")}</legend>
        <p className="field-hint">{t("workshops.staff.meetingsHint")}</p>
        {rows.map((m, i) => (
          <div key={i} className="grid grid-cols-3 gap-x-3">
            <TextField name={`meetings[${i}].date`} type="date" label={t("workshops.staff.meetingDate", { n: i + 1 })} defaultValue={m?.date} />
            <TextField name={`meetings[${i}].start`} type="time" label={t("workshops.staff.meetingStart", { n: i + 1 })} defaultValue={m?.start} />
            <TextField name={`meetings[${i}].end`} type="time" label={t("workshops.staff.meetingEnd", { n: i + 1 })} defaultValue={m?.end} />
          </div>
        ))}
      </fieldset>
      <button type="submit" className="btn">
        {submitLabel}
      </button>
    </Form>
  );
}
