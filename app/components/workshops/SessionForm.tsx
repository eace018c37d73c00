// The staff form of a session: room, capacity, instructor, registration window, and up to 8 meeting rows
// (empty rows are ignored), so a 4-Saturday workshop is one session. It shows one meeting row (or as many as are
// filled) and "Add a meeting" adds one: with JavaScript on the page, without it by posting the form back
// (intent addMeeting), which returns with one more row and what was typed. Works without JavaScript.
import { Form } from "@remix-run/react";
import { useRef, useState } from "react";
import { fieldValue, FormErrors, SelectField, TextField, useFormReply } from "~/components/forms";
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
  const reply = useFormReply();
  const typed = reply?.initialValue?.meetings as ({ date?: string; start?: string; end?: string } | undefined)[] | undefined;
  const source = typed ?? defaults.meetings ?? [];
  const lastFilled = source.reduce((n, m, i) => (m && (m.date || m.start || m.end) ? i + 1 : n), 0);
  const asked = Number(fieldValue(reply, "meetingRows")) || 0;
  const [count, setCount] = useState(Math.min(maxMeetings, Math.max(1, lastFilled, asked)));
  const rows = Array.from({ length: count }, (_, i) => source[i]);
  const fieldset = useRef<HTMLFieldSetElement>(null);
  const addRow = (e: React.MouseEvent) => {
    // With JavaScript: a row more on the page, the new date field focused; the form is not sent.
    e.preventDefault();
    setCount((c) => Math.min(maxMeetings, c + 1));
    requestAnimationFrame(() => fieldset.current?.querySelectorAll<HTMLInputElement>('input[type="date"]')[count]?.focus());
  };
  return (
    <Form method="post" className="card" noValidate>
      {/* Enter in a field saves (the first submit button is the one Enter presses), never "add a meeting". */}
      <button type="submit" name="intent" value="save" hidden tabIndex={-1}>
        {submitLabel}
      </button>
      <input type="hidden" name="meetingRows" value={count} />
      <FormErrors />
      <div className="grid gap-x-4 md:grid-cols-2">
        <TextField name="room" label={t("workshops.room")} defaultValue={defaults.room} required maxLength={100} />
        <TextField
          name="capacity"
          type="number"
          label={t("workshops.staff.capacity")}
          defaultValue={defaults.capacity?.toString()}
          required
          min={1}
          max={1000}
        />
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
      <fieldset className="mt-4" ref={fieldset}>
        <legend className="font-semibold">{t("workshops.staff.meetings")}</legend>
        <p className="field-hint">{t("workshops.staff.meetingsHint")}</p>
        {rows.map((m, i) => (
          <div key={i} className="grid grid-cols-2 gap-x-3 sm:grid-cols-3" data-testid="meeting-row">
            <div className="col-span-2 sm:col-span-1">
              <TextField name={`meetings[${i}].date`} type="date" label={t("workshops.staff.meetingDate", { n: i + 1 })} defaultValue={m?.date} />
            </div>
            <TextField name={`meetings[${i}].start`} type="time" label={t("workshops.staff.meetingStart", { n: i + 1 })} defaultValue={m?.start} />
            <TextField name={`meetings[${i}].end`} type="time" label={t("workshops.staff.meetingEnd", { n: i + 1 })} defaultValue={m?.end} />
          </div>
        ))}
        {count < maxMeetings ? (
          <button type="submit" name="intent" value="addMeeting" formNoValidate className="btn-secondary mb-4" onClick={addRow}>
            {t("workshops.staff.addMeeting")}
          </button>
        ) : null}
      </fieldset>
      <button type="submit" name="intent" value="save" className="btn">
        {submitLabel}
      </button>
    </Form>
  );
}
