// Staff only, on a class's enrol page: register the class (or some members) for a workshop session past the
// workshop rules, with a reason. Two steps without JavaScript: the form → a confirm step that says what the rules
// would refuse and why → the registration (recorded in the security log).
import { Form } from "@remix-run/react";
import { TextAreaField } from "~/components/forms";
import { useFormat, useT } from "~/i18n/react";
import { MemberPicker } from "./EnrolForms";

interface Session {
  id: number;
  title: string;
  startsAt: string;
  seatsLeft: number;
}

export function OverrideForm({ sessions, members }: { sessions: Session[]; members: { id: number; fullName: string }[] }) {
  const t = useT();
  const f = useFormat();
  return (
    <section aria-labelledby="override-heading" className="card mb-6">
      <h3 id="override-heading" className="mb-2">
        {t("classes.override.heading")}
      </h3>
      <p className="mb-3">{t("classes.override.lead")}</p>
      {sessions.length === 0 ? (
        <p>{t("classes.enrol.noSessions")}</p>
      ) : (
        <Form method="post">
          <input type="hidden" name="intent" value="overrideSession" />
          <div className="field">
            <label htmlFor="override-session">{t("classes.enrol.session")}</label>
            <select id="override-session" name="sessionId">
              {sessions.map((s) => (
                <option key={s.id} value={s.id}>
                  {t("classes.enrol.sessionOption", { title: s.title, date: f.dateTime(s.startsAt), seats: t("classes.enrol.seatsLeft", { count: s.seatsLeft }) })}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="override-mode">{t("classes.enrol.modeLabel")}</label>
            <select id="override-mode" name="mode" defaultValue="fill-then-waitlist">
              <option value="fill-then-waitlist">{t("classes.enrol.mode.fill")}</option>
              <option value="all-or-nothing">{t("classes.enrol.mode.allOrNothing")}</option>
            </select>
          </div>
          <MemberPicker members={members} prefix="override" />
          <TextAreaField name="reason" label={t("classes.override.reason")} hint={t("classes.override.reasonHint")} required minLength={10} maxLength={500} rows={3} />
          <button type="submit" className="btn">
            {t("classes.override.preview")}
          </button>
        </Form>
      )}
    </section>
  );
}

export interface OverridePreviewView {
  sessionId: number;
  sessionTitle: string;
  mode: string;
  studentIds: number[];
  reason: string;
  window: "open" | "notOpen" | "closed";
  students: number;
  already: number;
  seatsLeft: number;
  refused: { studentId: number; fullName: string; reason: "removedByStaff" | "notEligible" | "overlap" | "notStudent"; title: string | null }[];
}

/** The confirm step: what the rules would refuse, the reason as typed, and the one button that does it. */
export function OverrideConfirm({ preview }: { preview: OverridePreviewView }) {
  const t = useT();
  const lifted = preview.refused.filter((r) => r.reason !== "notStudent");
  const never = preview.refused.filter((r) => r.reason === "notStudent");
  return (
    <section aria-labelledby="override-confirm" className="card mb-6 border-amber-400">
      <h3 id="override-confirm" className="mb-2">
        {t("classes.override.confirmHeading", { title: preview.sessionTitle })}
      </h3>
      <ul className="mb-3 list-disc pl-5">
        {preview.window !== "open" ? <li>{t(`classes.override.window.${preview.window}`)}</li> : null}
        <li>{t("classes.override.counts", { students: preview.students, already: preview.already, seats: preview.seatsLeft })}</li>
        {lifted.length === 0 && preview.window === "open" ? <li>{t("classes.override.nothingLifted")}</li> : null}
      </ul>
      {lifted.length ? (
        <>
          <p className="font-semibold">{t("classes.override.liftedHeading", { count: lifted.length })}</p>
          <ul className="mb-3 list-disc pl-5">
            {lifted.map((r) => (
              <li key={r.studentId}>
                {r.fullName}: {t(`classes.enrol.refused.${r.reason}`, { title: r.title ?? "" })}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {never.length ? (
        <p className="mb-3">{t("classes.override.never", { names: never.map((r) => r.fullName).join(", ") })}</p>
      ) : null}
      <p className="mb-3">
        <span className="font-semibold">{t("classes.override.reason")}:</span> {preview.reason}
      </p>
      <p className="mb-3 text-sm">{t("classes.override.logged")}</p>
      <div className="flex flex-wrap gap-3">
        <Form method="post">
          <input type="hidden" name="intent" value="overrideSession" />
          <input type="hidden" name="sessionId" value={preview.sessionId} />
          <input type="hidden" name="mode" value={preview.mode} />
          <input type="hidden" name="reason" value={preview.reason} />
          <input type="hidden" name="confirm" value="yes" />
          {preview.studentIds.map((id) => (
            <input key={id} type="hidden" name="studentIds" value={id} />
          ))}
          <button type="submit" className="btn">
            {t("classes.override.submit")}
          </button>
        </Form>
        <Form method="get">
          <button type="submit" className="btn-secondary">
            {t("classes.enrol.cancel")}
          </button>
        </Form>
      </div>
    </section>
  );
}
