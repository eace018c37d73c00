import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/lib/guards.server";
import { FormErrors, Notice } from "~/components/forms";
import { PageHeading } from "~/components/layout";
import { MeetingList, SeatsText } from "~/components/workshops/SessionCard";
import { useFormat, useT } from "~/i18n/react";
import { db } from "~/lib/db.server";
import { formFailure, parseForm, parseParamOr404 } from "~/lib/forms.server";
import { removeRegistration } from "~/workshops/registration.server";
import { getRoster, markAttendance } from "~/workshops/roster.server";
import { idSchema, rosterActionSchema } from "~/workshops/schemas";
import { getMeetings, getSession } from "~/workshops/sessions.server";

async function sessionFrom(params: { sessionId?: string }) {
  const sessionId = parseParamOr404(idSchema, params.sessionId);
  const session = await getSession(db, sessionId);
  if (!session) throw new Response("Not Found", { status: 404 });
  return session;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request);
  const session = await sessionFrom(params);
  const [meetings, roster] = await Promise.all([getMeetings(db, [session.id]), getRoster(db, session.id)]);
  return {
    session: { id: session.id, programId: session.program_id, title: session.title_vi, room: session.room, capacity: session.capacity, confirmed: session.confirmed_count },
    meetings: meetings.map((m) => ({ id: m.id, startsAt: m.starts_at, endsAt: m.ends_at })),
    ...roster,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  const session = await sessionFrom(params);
  const form = await parseForm(request, rosterActionSchema);
  if (!form.ok) return formFailure(form.submission);
  if (form.value.intent === "attendance") {
    const r = await markAttendance(db, { ...form.value, sessionId: session.id, markedBy: staff.id });
    if (r === "notFound") throw new Response("Not Found", { status: 404 });
    return data({ done: "attendance" as const });
  }
  const r = await removeRegistration(db, { registrationId: form.value.registrationId, sessionId: session.id });
  if (!r.ok && r.reason === "notFound") throw new Response("Not Found", { status: 404 });
  if (!r.ok) return formFailure(form.submission, { formErrors: ["workshops.errors.notActive"], status: 409 });
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

export default function Roster() {
  const t = useT();
  const f = useFormat();
  const d = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <div>
      <PageHeading lead={<Link to={`/staff/programs/${d.session.programId}`}>{d.session.title}</Link>}>{t("workshops.staff.roster")}</PageHeading>
      {reply && "done" in reply ? <Notice>{t(`workshops.staff.done.${reply.done}`)}</Notice> : <FormErrors />}
      <div className="card mb-6">
        <MeetingList meetings={d.meetings} />
        <p className="mt-2">
          {t("workshops.room")}: {d.session.room} · {d.session.confirmed}/{d.session.capacity} <SeatsText seatsLeft={d.session.capacity - d.session.confirmed} />
        </p>
        <p className="mt-2">
          <a href={`/staff/sessions/${d.session.id}/roster.csv`} className="btn-secondary" download>
            {t("common.exportCsv")}
          </a>
        </p>
      </div>
      <section aria-labelledby="confirmed-heading" className="mb-8">
        <h2 id="confirmed-heading" className="mb-3 text-xl font-semibold">
          {t("workshops.staff.confirmedList", { count: d.confirmed.length })}
        </h2>
        <ul className="space-y-3">
          {d.confirmed.map((r) => (
            <li key={r.id} className="card" data-testid={`roster-${r.user_id}`}>
              <p className="font-semibold">{r.full_name}</p>
              <p className="text-sm">
                {r.email ?? r.username}
                {r.grade ? ` · ${t("catalog.gradeN", { grade: r.grade })}` : ""}
                {r.source === "class" ? ` · ${t("workshops.staff.viaClass")}` : ""}
              </p>
              {d.meetings.map((m) => (
                <div key={m.id} className="mt-2">
                  <p className="text-sm">{f.dateTime(m.startsAt)}</p>
                  <AttendanceButtons registrationId={r.id} meetingId={m.id} current={r.attendance[m.id]} label={`${r.full_name} ${f.dateTime(m.startsAt)}`} />
                </div>
              ))}
              <Form method="post" className="mt-3">
                <input type="hidden" name="intent" value="remove" />
                <input type="hidden" name="registrationId" value={r.id} />
                <button type="submit" className="btn-link">
                  {t("workshops.staff.remove")}
                </button>
              </Form>
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
            <li key={r.id} className="card flex flex-wrap items-center gap-3">
              <span className="badge badge-warn">#{r.waitlist_position}</span>
              <span>{r.full_name}</span>
              <span className="text-sm">{r.email ?? r.username}</span>
              <Form method="post" className="ml-auto">
                <input type="hidden" name="intent" value="remove" />
                <input type="hidden" name="registrationId" value={r.id} />
                <button type="submit" className="btn-link">
                  {t("workshops.staff.remove")}
                </button>
              </Form>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
