import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { PageHeading } from "~/components/layout";
import { SessionForm } from "~/components/workshops/SessionForm";
import { useT } from "~/i18n/react";
import { db } from "~/lib/db.server";
import { formFailure, formRefill, parseForm, parseParamOr404, refusalReply } from "~/lib/forms.server";
import { requireStaff } from "~/lib/guards.server";
import { ensureFound } from "~/lib/http.server";
import { nowIso } from "~/lib/time";
import { sessionRefusals } from "~/workshops/refusals";
import { idSchema, MAX_MEETINGS, sessionPageActionSchema } from "~/workshops/schemas";
import { getSession, loadSessionEditor, sessionInputFromForm, setSessionStatus, updateSession } from "~/workshops/sessions.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const staff = await requireStaff(request);
  const sessionId = parseParamOr404(idSchema, params.sessionId);
  return ensureFound(await loadSessionEditor(db, sessionId, staff.locale));
}

export async function action({ request, params }: ActionFunctionArgs) {
  await requireStaff(request);
  const session = ensureFound(await getSession(db, parseParamOr404(idSchema, params.sessionId)));
  const form = await parseForm(request, sessionPageActionSchema);
  if (!form.ok) return formFailure(form.submission);
  if (form.value.intent === "addMeeting") {
    return formRefill(
      form.submission,
      {
        meetingRows: String(Math.min(form.value.meetingRows + 1, MAX_MEETINGS)),
      },
      {}
    );
  }
  const saved = `/staff/programs/${session.program_id}?notice=notice.workshops.sessionSaved`;
  if (form.value.intent === "status") {
    await setSessionStatus(db, session.id, form.value.status, nowIso());
    return redirect(saved);
  }
  const result = await updateSession(db, session.id, sessionInputFromForm(form.value), nowIso());
  if (!result.ok) return refusalReply(form.submission, result, sessionRefusals);
  return redirect(saved);
}

export default function EditSession() {
  const t = useT();
  const reply = useActionData<typeof action>();
  // A "add a meeting" reply (no JavaScript) remounts the form with one more row.
  const refillKey = reply && "refill" in reply ? reply.refill : "form";
  const { session, defaults, instructors } = useLoaderData<typeof loader>();
  return (
    <div>
      <PageHeading lead={<Link to={`/staff/programs/${session.programId}`}>{session.title}</Link>}>{t("workshops.staff.editSession")}</PageHeading>
      <p className="mb-4">{t("workshops.staff.confirmedNow", { count: session.confirmed })}</p>
      <SessionForm key={refillKey} defaults={defaults} instructors={instructors} maxMeetings={MAX_MEETINGS} submitLabel={t("common.save")} />
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
