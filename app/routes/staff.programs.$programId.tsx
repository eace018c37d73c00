import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { setProgramStatus } from "~/catalog/programs.server";
import { programRefusals } from "~/catalog/refusals";
import { programPageActionSchema } from "~/catalog/schemas";
import { getProgramForEdit, saveProgramForm } from "~/catalog/staff.server";
import { PageHeading } from "~/components/layout";
import { ProgramForm } from "~/components/workshops/ProgramForm";
import { SeatsText } from "~/components/workshops/SessionCard";
import { useFormat, useT } from "~/i18n/react";
import { db } from "~/lib/db.server";
import { formFailure, parseForm, parseParamOr404, refusalReply } from "~/lib/forms.server";
import { requireStaff } from "~/lib/guards.server";
import { ensureFound } from "~/lib/http.server";
import { nowIso } from "~/lib/time";
import { idSchema } from "~/workshops/schemas";
import { listProgramSessions } from "~/workshops/sessions.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const staff = await requireStaff(request);
  const programId = parseParamOr404(idSchema, params.programId);
  const program = ensureFound(await getProgramForEdit(db, programId, "workshop", staff.locale));
  const sessions = await listProgramSessions(db, programId, { upcomingOnly: false, now: nowIso() });
  return { program, sessions };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  const programId = parseParamOr404(idSchema, params.programId);
  ensureFound(await getProgramForEdit(db, programId, "workshop", staff.locale));
  const form = await parseForm(request, programPageActionSchema);
  if (!form.ok) return formFailure(form.submission);
  if (form.value.intent === "status") {
    await setProgramStatus(db, programId, form.value.status, nowIso());
    return redirect(`/staff/programs/${programId}?notice=notice.catalog.status`);
  }
  const result = await saveProgramForm(db, { kind: "workshop", form: form.value, programId, now: nowIso() });
  if (!result.ok) return refusalReply(form.submission, result, programRefusals);
  return redirect(`/staff/programs/${programId}?notice=notice.catalog.saved`);
}

export default function EditProgram() {
  const t = useT();
  const f = useFormat();
  const { program, sessions } = useLoaderData<typeof loader>();
  return (
    <div>
      <PageHeading lead={<span className="badge badge-neutral">{t(`catalog.status.${program.status}`)}</span>}>{program.title}</PageHeading>
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
                    {f.dateTime(s.startsAt)}
                    {s.meetings.length > 1 ? ` (${t("workshops.meetingsCount", { count: s.meetings.length })})` : ""}
                    {s.status === "cancelled" ? <span className="badge badge-bad ml-1">{t("workshops.sessionCancelled")}</span> : null}
                  </td>
                  <td>{s.room}</td>
                  <td>
                    {s.confirmed}/{s.capacity} <SeatsText seatsLeft={s.seatsLeft} />
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
        <ProgramForm values={program.values} submitLabel={t("common.save")} />
      </section>
    </div>
  );
}
