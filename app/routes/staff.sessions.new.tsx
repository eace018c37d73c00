import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { getProgramForEdit } from "~/catalog/staff.server";
import { PageHeading } from "~/components/layout";
import { SessionForm } from "~/components/workshops/SessionForm";
import type { Locale } from "~/i18n";
import { useT } from "~/i18n/react";
import { db } from "~/lib/db.server";
import { formFailure, formRefill, parseForm, parseParamOr404 } from "~/lib/forms.server";
import { requireStaff } from "~/lib/guards.server";
import { ensureFound } from "~/lib/http.server";
import { nowIso } from "~/lib/time";
import { idSchema, MAX_MEETINGS, sessionNewActionSchema } from "~/workshops/schemas";
import { createSession, listInstructors, sessionInputFromForm } from "~/workshops/sessions.server";

/** The workshop program named by ?programId=, or 404. */
async function programFrom(request: Request, locale: Locale) {
  const programId = parseParamOr404(idSchema, new URL(request.url).searchParams.get("programId"));
  return ensureFound(await getProgramForEdit(db, programId, "workshop", locale));
}

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request);
  const program = await programFrom(request, staff.locale);
  return {
    program: { id: program.id, title: program.title },
    instructors: await listInstructors(db),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  const program = await programFrom(request, staff.locale);
  const form = await parseForm(request, sessionNewActionSchema);
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
  await createSession(db, program.id, sessionInputFromForm(form.value), nowIso());
  return redirect(`/staff/programs/${program.id}?notice=notice.workshops.sessionSaved`);
}

export default function NewSession() {
  const t = useT();
  const reply = useActionData<typeof action>();
  // A "add a meeting" reply (no JavaScript) remounts the form with one more row.
  const refillKey = reply && "refill" in reply ? reply.refill : "form";
  const { program, instructors } = useLoaderData<typeof loader>();
  return (
    <div>
      <PageHeading lead={<Link to={`/staff/programs/${program.id}`}>{program.title}</Link>}>{t("workshops.staff.newSession")}</PageHeading>
      <SessionForm key={refillKey} instructors={instructors} maxMeetings={MAX_MEETINGS} submitLabel={t("workshops.staff.createSession")} />
    </div>
  );
}
