import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { FormErrors, Notice } from "~/components/forms";
import { ConfirmActions } from "~/components/confirm";
import { PageHeading } from "~/components/layout";
import { MeetingList, SeatsText } from "~/components/workshops/SessionCard";
import { useFormat, useT } from "~/i18n/react";
import { db } from "~/lib/db.server";
import { formFailure, parseForm, parseParamOr404, refusalReply } from "~/lib/forms.server";
import { requireStaff } from "~/lib/guards.server";
import { ensureFound } from "~/lib/http.server";
import { nowIso } from "~/lib/time";
import { attendanceRefusals, removalRefusals } from "~/workshops/refusals";
import { removeRegistration } from "~/workshops/registration.server";
import { loadRoster, markAttendance } from "~/workshops/roster.server";
import { idSchema, rosterActionSchema } from "~/workshops/schemas";
import { getSession } from "~/workshops/sessions.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const staff = await requireStaff(request);
  const sessionId = parseParamOr404(idSchema, params.sessionId);
  return ensureFound(await loadRoster(db, sessionId, staff.locale));
}

// At the door, staff stay where they are on the list: a mark answers with a one-line confirmation, not a redirect.
export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  const session = ensureFound(await getSession(db, parseParamOr404(idSchema, params.sessionId)));
  const form = await parseForm(request, rosterActionSchema);
  if (!form.ok) return formFailure(form.submission);
  if (form.value.intent === "attendance") {
    const { registrationId, meetingId, status } = form.value;
    const result = await markAttendance(db, { sessionId: session.id, registrationId, meetingId, status, markedBy: staff.id, now: nowIso() });
    if (!result.ok) return refusalReply(form.submission, result, attendanceRefusals);
    return data({ done: "attendance" as const });
  }
  const result = await removeRegistration(db, { registrationId: form.value.registrationId, sessionId: session.id, now: nowIso() });
  if (!result.ok) return refusalReply(form.submission, result, removalRefusals);
  return data({ done: "removed" as const });
}

function AttendanceButtons({ registrationId, meetingId, current, label }: { registrationId: number; meetingId: number; current?: string; label: string }) {
  const t = useT();
  return (
    <div className="flex gap-2" role="group" aria-label={label}>
      {(["attended", "absent"] as const).map((status) => (
        <Form method="post" key={status}>
          <input type="hidden" name="intent" value="attendance" />
          <input type="hidden" name="registrationId" value={registrationId} />
          <input type="hidden" name="meetingId" value={meetingId} />
          <input type="hidden" name="status" value={status} />
          <button
            type="submit"
            aria-pressed={current === status}
            className={`${current === status ? (status === "attended" ? "btn" : "btn-danger") : "btn-secondary"} min-h-12 min-w-24`}
          >
            {current === status ? "✓ " : ""}
            {t(`workshops.status.${status}`)}
          </button>
        </Form>
      ))}
    </div>
  );
}

/** "Gỡ khỏi danh sách" opens its confirm step in the row (?remove=<registration>), which works without JavaScript. */
function RemoveStep({ registrationId, name, waitlisted }: { registrationId: number; name: string; waitlisted: boolean }) {
  const t = useT();
  const [params] = useSearchParams();
  if (Number(params.get("remove")) !== registrationId) {
    return (
      <Link to={`?remove=${registrationId}#reg-${registrationId}`} className="btn-link" preventScrollReset>
        {t("workshops.staff.remove")}
      </Link>
    );
  }
  return (
    <div className="w-full space-y-2" data-testid="confirm-remove">
      <p className="font-semibold">{t("confirm.remove.title", { name })}</p>
      <p className="text-sm">{t(waitlisted ? "confirm.remove.next.waitlisted" : "confirm.remove.next.confirmed")}</p>
      <ConfirmActions intent="remove" fields={{ registrationId }} submitLabel={t("confirm.remove.submit")} keepScroll />
    </div>
  );
}

export default function Roster() {
  const t = useT();
  const f = useFormat();
  const d = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <div>
      <PageHeading lead={<Link to={`/staff/programs/${d.session.programId}`}>{d.session.title}</Link>}>{t("workshops.staff.roster")}</PageHeading>
      {/* The result is announced in a fixed live region, so the attendance list never shifts under the next tap. */}
      <div className="pointer-events-none fixed inset-x-0 bottom-4 z-40 flex justify-center px-4">
        {reply && "done" in reply ? (
          <div className="pointer-events-auto shadow-lg">
            <Notice>{t(`workshops.staff.done.${reply.done}`)}</Notice>
          </div>
        ) : null}
      </div>
      <FormErrors />
      <div className="card mb-6">
        <MeetingList meetings={d.meetings} />
        <p className="mt-2">
          {t("workshops.room")}: {d.session.room} · {d.session.confirmed}/{d.session.capacity} <SeatsText seatsLeft={d.session.capacity - d.session.confirmed} />
        </p>
        <p className="mt-2">
          <a href={`/staff/sessions/${d.session.id}/roster.csv`} className="btn-secondary" download>
            {t("common.exportCsv")}
          </a>
          {d.slips ? (
            <Link to={`/sessions/${d.session.id}/slips`} className="btn-secondary ml-3">
              {t("slips.teacher.link")}
            </Link>
          ) : null}
        </p>
      </div>
      <section aria-labelledby="confirmed-heading" className="mb-8">
        <h2 id="confirmed-heading" className="mb-3 text-xl font-semibold">
          {t("workshops.staff.confirmedList", { count: d.confirmed.length })}
        </h2>
        <ul className="space-y-3">
          {d.confirmed.map((r) => (
            <li key={r.registrationId} id={`reg-${r.registrationId}`} className="card" data-testid={`roster-${r.userId}`}>
              <p className="font-semibold">{r.fullName}</p>
              <p className="text-sm">
                {r.contact}
                {r.grade ? ` · ${t("catalog.gradeN", { grade: r.grade })}` : ""}
                {r.source === "class" ? ` · ${t("workshops.staff.viaClass")}` : ""}
              </p>
              {d.slips ? (
                <p className="mt-1 text-sm" data-testid="roster-slip">
                  {t("slips.roster.slip")}:{" "}
                  {d.slips[r.registrationId] === "yes" ? (
                    <span className="badge badge-ok">✓ {t("slips.roster.signed")}</span>
                  ) : (
                    <span className="badge badge-warn">⚠ {t("slips.roster.missing")}</span>
                  )}
                </p>
              ) : null}
              {d.meetings.map((m) => (
                <div key={m.id} className="mt-2">
                  <p className="text-sm">{f.dateTime(m.startsAt)}</p>
                  <AttendanceButtons registrationId={r.registrationId} meetingId={m.id} current={r.attendance[m.id]} label={`${r.fullName} ${f.dateTime(m.startsAt)}`} />
                </div>
              ))}
              <div className="mt-3">
                <RemoveStep registrationId={r.registrationId} name={r.fullName} waitlisted={false} />
              </div>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="waitlist-heading">
        <h2 id="waitlist-heading" className="mb-3 text-xl font-semibold">
          {t("workshops.staff.waitlist", { count: d.waitlist.length })}
        </h2>
        <ol className="space-y-2">
          {d.waitlist.map((r) => (
            <li key={r.registrationId} id={`reg-${r.registrationId}`} className="card flex flex-wrap items-center gap-3">
              <span className="badge badge-warn">#{r.waitlistPosition}</span>
              <span>{r.fullName}</span>
              <span className="text-sm">{r.contact}</span>
              <div className="ml-auto">
                <RemoveStep registrationId={r.registrationId} name={r.fullName} waitlisted />
              </div>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
