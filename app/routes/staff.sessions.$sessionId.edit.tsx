import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/lib/guards.server";
import { PageHeading } from "~/components/layout";
import { SessionForm } from "~/components/workshops/SessionForm";
import { useT } from "~/i18n/react";
import { db } from "~/lib/db.server";
import { formFailure, parseFormData, parseParamOr404, readFormData } from "~/lib/forms.server";
import { isoToVnLocal } from "~/lib/time";
import { idSchema, MAX_MEETINGS, sessionFormSchema, sessionStatusSchema } from "~/workshops/schemas";
import { getMeetings, getSession, listInstructors, sessionInputFromForm, setSessionStatus, updateSession } from "~/workshops/sessions.server";

const local = (iso: string | null) => (iso ? `${isoToVnLocal(iso).date}T${isoToVnLocal(iso).time}` : undefined);

async function sessionFrom(params: { sessionId?: string }) {
  const sessionId = parseParamOr404(idSchema, params.sessionId);
  const session = await getSession(db, sessionId);
  if (!session) throw new Response("Not Found", { status: 404 });
  return session;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request);
  const session = await sessionFrom(params);
  const [meetings, instructors] = await Promise.all([getMeetings(db, [session.id]), listInstructors(db)]);
  return {
    session: { id: session.id, programId: session.program_id, title: session.title_vi, status: session.status, confirmed: session.confirmed_count },
    defaults: {
      room: session.room,
      capacity: session.capacity,
      instructorId: session.instructor_id,
      opensAt: local(session.registration_opens_at),
      closesAt: local(session.registration_closes_at),
      cancellationDeadline: local(session.cancellation_deadline),
      minAttendancePercent: session.min_attendance_percent,
      meetings: meetings.map((m) => ({ date: isoToVnLocal(m.starts_at).date, start: isoToVnLocal(m.starts_at).time, end: isoToVnLocal(m.ends_at).time })),
    },
    instructors,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  await requireStaff(request);
  const session = await sessionFrom(params);
  const raw = await readFormData(request);
  if (raw.get("intent") === "status") {
    const parsed = sessionStatusSchema.safeParse(Object.fromEntries(raw));
    if (!parsed.success) throw new Response("Bad Request", { status: 400 });
    await setSessionStatus(db, session.id, parsed.data.status);
    return redirect(`/staff/programs/${session.program_id}?notice=notice.workshops.sessionSaved`);
  }
  const form = parseFormData(raw, sessionFormSchema);
  if (!form.ok) return formFailure(form.submission);
  const r = await updateSession(db, session.id, sessionInputFromForm(form.value));
  if (r === "notFound") throw new Response("Not Found", { status: 404 });
  if (r === "capacityBelowConfirmed") {
    return formFailure(form.submission, { fieldErrors: { capacity: ["workshops.errors.capacityBelowConfirmed"] }, status: 409 });
  }
  return redirect(`/staff/programs/${session.program_id}?notice=notice.workshops.sessionSaved`);
}

export default function EditSession() {
  const t = useT();
  const { session, defaults, instructors } = useLoaderData<typeof loader>();
  return (
    <div>
      <PageHeading lead={<Link to={`/staff/programs/${session.programId}`}>{session.title}</Link>}>{t("workshops.staff.editSession")}</PageHeading>
      <p className="mb-4">{t("workshops.staff.confirmedNow", { count: session.confirmed })}</p>
      <SessionForm defaults={defaults} instructors={instructors} maxMeetings={MAX_MEETINGS} submitLabel={t("common.save")} />
      <Form method="post" className="mt-6">
        <input type="hidden" name="intent" value="status" />
        <input type="hidden" name="status" value={session.status === "scheduled" ? "cancelled" : "scheduled"} />
        <button type="submit" className={session.status === "scheduled" ? "btn-danger" : "btn-secondary"}>
          {session.status === "scheduled" ? t("workshops.staff.cancelSession") : t("workshops.staff.restoreSession")}
        </button>
      </Form>
    </div>
  );
}
