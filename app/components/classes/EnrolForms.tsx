// The enrol page's parts: what the class is in, the course and session forms (with optional member selection),
// the message after an attempt, and the offer to fill the seats left when the class does not fit.
import { Form } from "@remix-run/react";
import { classSessionRefusals } from "~/classes/refusals";
import { useFormReply } from "~/components/forms";
import { useFormat, useT } from "~/i18n/react";

/** The view built by loadEnrolOptions: titles already in the reader's language. */
interface EnrolOptions {
  courses: { id: number; title: string; classOnly: boolean }[];
  sessions: { id: number; title: string; startsAt: string; seatsLeft: number }[];
  linkedCourses: { id: number; title: string }[];
  linkedSessions: { id: number; title: string; startsAt: string }[];
}

export function MemberPicker({ members, prefix }: { members: { id: number; fullName: string }[]; prefix: string }) {
  const t = useT();
  if (members.length === 0) return null;
  return (
    <details className="field">
      <summary className="cursor-pointer font-semibold">{t("classes.enrol.who")}</summary>
      <p className="field-hint">{t("classes.enrol.whoHint")}</p>
      <ul className="mt-2 grid gap-1 sm:grid-cols-2">
        {members.map((m) => (
          <li key={m.id} className="flex items-center gap-2">
            <input type="checkbox" id={`${prefix}-${m.id}`} name="studentIds" value={m.id} />
            <label htmlFor={`${prefix}-${m.id}`} className="font-normal">
              {m.fullName}
            </label>
          </li>
        ))}
      </ul>
    </details>
  );
}

export function EnrolForms({ options, members }: { options: EnrolOptions; members: { id: number; fullName: string }[] }) {
  const t = useT();
  const f = useFormat();
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <section aria-labelledby="enrol-course" className="card">
        <h3 id="enrol-course" className="mb-3">
          {t("classes.enrol.courseHeading")}
        </h3>
        {options.courses.length === 0 ? (
          <p>{t("classes.enrol.noCourses")}</p>
        ) : (
          <Form method="post">
            <input type="hidden" name="intent" value="enrolCourse" />
            <div className="field">
              <label htmlFor="programId">{t("classes.enrol.course")}</label>
              <select id="programId" name="programId">
                {options.courses.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.title}
                    {c.classOnly ? ` (${t("classes.enrol.classOnly")})` : ""}
                  </option>
                ))}
              </select>
              <p className="field-hint">{t("classes.enrol.courseHint")}</p>
            </div>
            <MemberPicker members={members} prefix="course" />
            <button type="submit" className="btn">
              {t("classes.enrol.courseSubmit")}
            </button>
          </Form>
        )}
      </section>
      <section aria-labelledby="enrol-session" className="card">
        <h3 id="enrol-session" className="mb-3">
          {t("classes.enrol.sessionHeading")}
        </h3>
        {options.sessions.length === 0 ? (
          <p>{t("classes.enrol.noSessions")}</p>
        ) : (
          <Form method="post">
            <input type="hidden" name="intent" value="registerSession" />
            <div className="field">
              <label htmlFor="sessionId">{t("classes.enrol.session")}</label>
              <select id="sessionId" name="sessionId">
                {options.sessions.map((s) => (
                  <option key={s.id} value={s.id}>
                    {t("classes.enrol.sessionOption", { title: s.title, date: f.dateTime(s.startsAt), seats: t("classes.enrol.seatsLeft", { count: s.seatsLeft }) })}
                  </option>
                ))}
              </select>
              <p className="field-hint">{t("classes.enrol.sessionHint")}</p>
            </div>
            <div className="field">
              <label htmlFor="mode">{t("classes.enrol.modeLabel")}</label>
              <select id="mode" name="mode" defaultValue="all-or-nothing">
                <option value="all-or-nothing">{t("classes.enrol.mode.allOrNothing")}</option>
                <option value="fill-then-waitlist">{t("classes.enrol.mode.fill")}</option>
              </select>
            </div>
            <MemberPicker members={members} prefix="session" />
            <button type="submit" className="btn">
              {t("classes.enrol.sessionSubmit")}
            </button>
          </Form>
        )}
      </section>
      <section aria-labelledby="enrol-linked" className="card lg:col-span-2">
        <h3 id="enrol-linked" className="mb-2">
          {t("classes.enrol.linked")}
        </h3>
        <ul className="list-inside list-disc">
          {options.linkedCourses.map((c) => (
            <li key={`c${c.id}`}>{t("classes.progress.courseCol", { title: c.title })}</li>
          ))}
          {options.linkedSessions.map((s) => (
            <li key={`s${s.id}`}>{t("classes.progress.sessionCol", { title: s.title, date: f.dateTime(s.startsAt) })}</li>
          ))}
        </ul>
        {options.linkedCourses.length + options.linkedSessions.length === 0 ? <p>{t("classes.progress.empty")}</p> : null}
      </section>
    </div>
  );
}

type Outcome =
  | { kind: "courseDone"; enrolled: number; already: number; missingPrerequisite: number }
  | {
      kind: "sessionDone";
      confirmed: number;
      waitlisted: number;
      already: number;
      refused: { studentId: number; fullName: string; reason: "removedByStaff" | "notEligible" | "overlap" | "notStudent"; title: string | null }[];
      /** Registered by staff past the rules (recorded in the security log). */
      overridden?: boolean;
    };

/** What an enrolment did (a refusal is shown above the forms, as every form error). */
export function EnrolOutcome({ outcome }: { outcome: Outcome }) {
  const t = useT();
  switch (outcome.kind) {
    case "courseDone":
      return (
        <div className="alert alert-success" role="status">
          <p>{t("classes.enrol.courseDone", { enrolled: outcome.enrolled, already: outcome.already })}</p>
          {outcome.missingPrerequisite ? <p>{t("classes.enrol.missingPrerequisite", { count: outcome.missingPrerequisite })}</p> : null}
        </div>
      );
    case "sessionDone":
      return (
        <div role="status">
          <p className="alert alert-success">
            {t("classes.enrol.sessionDone", { confirmed: outcome.confirmed, waitlisted: outcome.waitlisted, already: outcome.already })}
            {outcome.overridden ? ` ${t("classes.override.done")}` : ""}
          </p>
          {outcome.refused.length ? (
            <div className="alert alert-info">
              <p className="font-semibold">{t("classes.enrol.refusedHeading", { count: outcome.refused.length })}</p>
              <ul className="list-disc pl-5">
                {outcome.refused.map((r) => (
                  <li key={r.studentId}>
                    {r.fullName}: {t(`classes.enrol.refused.${r.reason}`, { title: r.title ?? "" })}
                  </li>
                ))}
              </ul>
              {outcome.overridden ? null : <p className="mt-1 text-sm">{t("classes.override.askCentre")}</p>}
            </div>
          ) : null}
        </div>
      );
  }
}

/**
 * After "not enough seats for the whole class" (nothing was registered): register as many as fit, in roster order,
 * and waitlist the rest, for the same session and the same students; or cancel.
 */
export function FillSeatsOffer() {
  const t = useT();
  const reply = useFormReply();
  if (!reply?.error?.[""]?.includes(classSessionRefusals.notEnoughSeats.key)) return null;
  const sent = reply.initialValue ?? {};
  const studentIds = ([] as unknown[]).concat(sent.studentIds ?? []).map(String);
  return (
    <div className="card mb-6">
      <p className="mb-3 font-semibold">{t("classes.enrol.shortTitle")}</p>
      <div className="flex flex-wrap gap-3">
        <Form method="post">
          <input type="hidden" name="intent" value="registerSession" />
          <input type="hidden" name="sessionId" value={String(sent.sessionId ?? "")} />
          <input type="hidden" name="mode" value="fill-then-waitlist" />
          {studentIds.map((id) => (
            <input key={id} type="hidden" name="studentIds" value={id} />
          ))}
          <button type="submit" className="btn">
            {t("classes.enrol.fill", { seats: reply.params?.seats ?? 0 })}
          </button>
        </Form>
        <Form method="get">
          <button type="submit" className="btn-secondary">
            {t("classes.enrol.cancel")}
          </button>
        </Form>
      </div>
    </div>
  );
}
