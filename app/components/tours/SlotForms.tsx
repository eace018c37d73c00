// Staff forms for time slots: one slot, or a recurring pattern with a preview before creating.
import { toMessageKey } from "~/i18n";
import { Form, useActionData } from "@remix-run/react";
import { TextAreaField, TextField, fieldErrors, useFormReply } from "~/components/forms";
import { useT } from "~/i18n/react";

export function SingleSlotForm({ today }: { today: string }) {
  const t = useT();
  return (
    <Form method="post" className="card" aria-labelledby="single-slot">
      <h3 id="single-slot" className="mb-2">
        {t("tours.staff.single")}
      </h3>
      <input type="hidden" name="intent" value="slot" />
      <div className="grid gap-x-4 sm:grid-cols-3">
        <TextField name="date" type="date" min={today} label={t("tours.staff.date")} required />
        <TextField name="time" type="time" label={t("tours.staff.time")} defaultValue="08:00" required />
        <TextField name="capacity" type="number" min={1} label={t("tours.staff.slot.capacity")} defaultValue="90" required />
      </div>
      <button type="submit" className="btn-secondary">
        {t("tours.staff.addSlot")}
      </button>
    </Form>
  );
}

export function RecurringSlotsForm({ today }: { today: string }) {
  const t = useT();
  const action = useActionData() as { preview?: number } | undefined;
  const reply = useFormReply();
  const weekdayErrors = fieldErrors(reply, "weekdays");
  const typed = reply?.initialValue as Record<string, unknown> | undefined;
  const typedWeekdays = typed?.weekdays === undefined ? null : ([] as unknown[]).concat(typed.weekdays).map(String);
  return (
    <Form method="post" className="card" aria-labelledby="recurring">
      <h3 id="recurring" className="mb-2">
        {t("tours.staff.recurring")}
      </h3>
      <div className="grid gap-x-4 sm:grid-cols-3">
        <TextField name="startDate" type="date" min={today} label={t("tours.staff.startDate")} defaultValue={today} required />
        <TextField name="weeks" type="number" min={1} max={26} label={t("tours.staff.weeks")} defaultValue="8" required />
        <TextField name="capacity" type="number" min={1} label={t("tours.staff.slot.capacity")} defaultValue="90" required />
      </div>
      <fieldset className="field">
        <legend className="text-sm font-semibold">{t("tours.staff.weekdays")}</legend>
        <div className="mt-1 flex flex-wrap gap-4">
          {([1, 2, 3, 4, 5, 6, 7] as const).map((d) => (
            <label key={d} className="flex items-center gap-1 font-normal">
              <input type="checkbox" name="weekdays" value={d} defaultChecked={typedWeekdays ? typedWeekdays.includes(String(d)) : d >= 2 && d <= 5} />
              {t(`tours.staff.weekday.${d}`)}
            </label>
          ))}
        </div>
        {weekdayErrors.length ? (
          <p className="field-error" role="alert">
            {weekdayErrors.map((e) => t(toMessageKey(e))).join(" ")}
          </p>
        ) : null}
      </fieldset>
      <TextField name="times" label={t("tours.staff.times")} defaultValue="08:00, 13:30" required />
      <TextAreaField name="blackoutDates" rows={3} label={t("tours.staff.blackout")} />
      {typeof action?.preview === "number" ? (
        <p className="alert alert-info" role="status">
          {t("tours.staff.previewCount", { count: action.preview })}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-3">
        <button type="submit" name="intent" value="preview" className="btn-secondary">
          {t("tours.staff.preview")}
        </button>
        <button type="submit" name="intent" value="generate" className="btn">
          {t("tours.staff.generate")}
        </button>
      </div>
    </Form>
  );
}
