import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/lib/guards.server";
import { getProgramForEdit } from "~/catalog/staff.server";
import { PageHeading } from "~/components/layout";
import { SessionForm } from "~/components/workshops/SessionForm";
import { useT } from "~/i18n/react";
import { db } from "~/lib/db.server";
import { formFailure, parseForm, parseParamOr404 } from "~/lib/forms.server";
import { idSchema, MAX_MEETINGS, sessionFormSchema } from "~/workshops/schemas";
import { createSession, listInstructors, sessionInputFromForm } from "~/workshops/sessions.server";

async function programFrom(request: Request) {
  const programId = parseParamOr404(idSchema, new URL(request.url).searchParams.get("programId"));
  const program = await getProgramForEdit(db, programId, "workshop");
  if (!program) throw new Response("Not Found", { status: 404 });
  return program;
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  const program = await programFrom(request);
  return { program: { id: program.id, title_vi: program.title_vi }, instructors: await listInstructors(db) };
}

export async function action({ request }: ActionFunctionArgs) {
  await requireStaff(request);
  const program = await programFrom(request);
  const form = await parseForm(request, sessionFormSchema);
  if (!form.ok) return formFailure(form.submission);
  await createSession(db, program.id, sessionInputFromForm(form.value));
  return redirect(`/staff/programs/${program.id}?notice=notice.workshops.sessionSaved`);
}

export default function NewSession() {
  const t = useT();
  const { program, instructors } = useLoaderData<typeof loader>();
  return (
    <div>
      <PageHeading lead={<Link to={`/staff/programs/${program.id}`}>{program.title_vi}</Link>}>{t("workshops.staff.newSession")}</PageHeading>
      <SessionForm instructors={instructors} maxMeetings={MAX_MEETINGS} submitLabel={t("workshops.staff.createSession")} />
    </div>
  );
}
