import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireStaff } from "~/lib/guards.server";
import { setProgramStatus } from "~/catalog/programs.server";
import { programFormSchema, programStatusSchema } from "~/catalog/schemas";
import { getProgramForEdit, saveProgramForm } from "~/catalog/staff.server";
import { PageHeading } from "~/components/layout";
import { ProgramForm } from "~/components/workshops/ProgramForm";
import { SeatsText } from "~/components/workshops/SessionCard";
import { useFormat, useT } from "~/i18n/react";
import { db } from "~/lib/db.server";
import { formFailure, parseFormData, parseParamOr404, readFormData } from "~/lib/forms.server";
import { idSchema } from "~/workshops/schemas";
import { listProgramSessions } from "~/workshops/sessions.server";


export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request);
  const programId = parseParamOr404(idSchema, params.programId);
  const program = await getProgramForEdit(db, programId, "workshop");
  if (!program) throw new Response("Not Found", { status: 404 });
  const sessions = await listProgramSessions(db, programId, { upcomingOnly: false });
  return { program, sessions };
}

export async function action({ request, params }: ActionFunctionArgs) {
  await requireStaff(request);
  const programId = parseParamOr404(idSchema, params.programId);
  const program = await getProgramForEdit(db, programId, "workshop");
  if (!program) throw new Response("Not Found", { status: 404 });
  const raw = await readFormData(request);
  const intent = raw.get("intent");
  if (intent === "status") {
    const parsed = programStatusSchema.safeParse(Object.fromEntries(raw));
    if (!parsed.success) throw new Response("Bad Request", { status: 400 });
    await setProgramStatus(db, programId, parsed.data.status);
    return redirect(`/staff/programs/${programId}?notice=notice.catalog.status`);
  }
  const form = parseFormData(raw, programFormSchema);
  if (!form.ok) return formFailure(form.submission);
  const id = await saveProgramForm(db, "workshop", form.value, programId);
  if (id === null) return formFailure(form.submission, { fieldErrors: { slug: ["catalog.errors.slugTaken"] } });
  return redirect(`/staff/programs/${programId}?notice=notice.catalog.saved`);
}

export default function EditProgram() {
  const t = useT();
  const f = useFormat();
  const { program, sessions } = useLoaderData<typeof loader>();
  return (
    <div>
      <PageHeading lead={<span className="badge badge-neutral">{t(`catalog.status.${program.status}`)}</span>}>{program.title_vi}</PageHeading>
      <div className="mb-6 flex flex-wrap gap-3">
        {(["published", "draft", "archived"] as const)
          .filter((s) => s !== program.status)
          .map((s) => (
            <Form method="post" key={s}>
              <input type="hidden" name="intent" value="status" />
              <input type="hidden" name="status" value={s} />
              <button type="submit" className={s === "published" ? "btn" : "btn-secondary"}>
                {t(`catalog.staff.setStatus.${s}`)}
              </button>
            </Form>
          ))}
        <Link to={`/workshops/${program.slug}`} className="btn-link">
          {t("catalog.staff.view")}
        </Link>
      </div>
      <section aria-labelledby="sessions-heading" className="mb-8">
        <h2 id="sessions-heading" className="mb-3 text-xl font-semibold">
          {t("catalog.staff.sessions")}
        </h2>
        <p className="mb-3">
          <Link to={`/staff/sessions/new?programId=${program.id}`} className="btn">
            {t("workshops.staff.newSession")}
          </Link>
        </p>
        <div className="overflow-x-auto">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("common.date")}</th>
                <th scope="col">{t("workshops.room")}</th>
                <th scope="col">{t("workshops.staff.seats")}</th>
                <th scope="col">{t("common.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {sessions.map((s) => (
                <tr key={s.id}>
                  <td>
                    {f.dateTime(s.starts_at)}
                    {s.meetings.length > 1 ? ` (${t("workshops.meetingsCount", { count: s.meetings.length })})` : ""}
                    {s.status === "cancelled" ? <span className="badge badge-bad ml-1">{t("workshops.sessionCancelled")}</span> : null}
                  </td>
                  <td>{s.room}</td>
                  <td>
                    {s.confirmed_count}/{s.capacity} <SeatsText seatsLeft={s.seatsLeft} />
                  </td>
                  <td className="flex flex-wrap gap-2">
                    <Link to={`/staff/sessions/${s.id}/roster`}>{t("workshops.staff.roster")}</Link>
                    <Link to={`/staff/sessions/${s.id}/edit`}>{t("workshops.staff.edit")}</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="edit-heading">
        <h2 id="edit-heading" className="mb-3 text-xl font-semibold">
          {t("catalog.staff.edit")}
        </h2>
        <ProgramForm values={program} submitLabel={t("common.save")} />
      </section>
    </div>
  );
}
