// /account/guardians: a student's guardians (at most two), the invitations still open, inviting one by e-mail and
// removing one (confirm step opened by ?remove=<id>, so it works without JavaScript).
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { FormErrors, TextField } from "~/components/forms";
import { ConfirmActions } from "~/components/confirm";
import { PageHeading } from "~/components/layout";
import { inviteGuardianByEmail, loadStudentGuardians, removeGuardian } from "~/guardians/links.server";
import { inviteRefusals, removeGuardianRefusals } from "~/guardians/refusals";
import { studentGuardiansSchema } from "~/guardians/schemas";
import { titleMeta } from "~/i18n/meta";
import { useFormat, useT } from "~/i18n/react";
import { db } from "~/lib/db.server";
import { formFailure, parseForm, refusalReply } from "~/lib/forms.server";
import { requireRole } from "~/lib/guards.server";
import { nowIso } from "~/lib/time";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "guardians.student.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "student");
  return loadStudentGuardians(db, { studentId: user.id, now: nowIso() });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireRole(request, "student");
  const form = await parseForm(request, studentGuardiansSchema);
  if (!form.ok) return formFailure(form.submission);
  const ip = context?.clientIp ?? "unknown";
  if (form.value.intent === "invite") {
    const r = await inviteGuardianByEmail(db, { student: user, email: form.value.email, ip, now: nowIso() });
    if (!r.ok) return refusalReply(form.submission, r, inviteRefusals);
    throw redirect("/account/guardians?notice=notice.guardians.invited");
  }
  const r = await removeGuardian(db, { student: user, guardianId: form.value.guardianId, ip, now: nowIso() });
  if (!r.ok) return refusalReply(form.submission, r, removeGuardianRefusals);
  throw redirect("/account/guardians?notice=notice.guardians.removed");
}

export default function StudentGuardians() {
  const t = useT();
  const f = useFormat();
  const { guardians, pending, canInvite } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const removing = Number(params.get("remove")) || null;
  return (
    <div className="mx-auto max-w-2xl space-y-8">
      <PageHeading lead={t("guardians.student.lead")}>{t("guardians.student.title")}</PageHeading>
      <FormErrors />
      {guardians.length === 0 ? <p className="card">{t("guardians.student.none")}</p> : null}
      <ul className="space-y-3">
        {guardians.map((g) => (
          <li key={g.id} className="card flex flex-wrap items-center justify-between gap-3" data-testid="guardian">
            <div>
              <p className="font-semibold">{g.fullName}</p>
              <p className="text-sm text-slate-700">
                {g.email ? `${g.email} · ` : ""}
                {t("guardians.student.linkedAt", { date: f.date(g.linkedAt) })}
              </p>
            </div>
            {removing === g.id ? (
              <div className="w-full space-y-2">
                <p className="font-semibold">{t("guardians.student.confirmRemove", { name: g.fullName })}</p>
                <ConfirmActions intent="remove" fields={{ guardianId: g.id }} submitLabel={t("guardians.student.remove")} />
              </div>
            ) : (
              <Link to={`?remove=${g.id}`} className="btn-secondary" aria-label={t("guardians.student.removeLabel", { name: g.fullName })} preventScrollReset>
                {t("guardians.student.remove")}
              </Link>
            )}
          </li>
        ))}
      </ul>
      {pending.length > 0 ? (
        <section aria-labelledby="pending">
          <h2 id="pending" className="mb-2">
            {t("guardians.student.pending")}
          </h2>
          <ul className="list-disc pl-6 text-sm">
            {pending.map((p) => (
              <li key={p.id}>
                {p.kind === "email" ? t("guardians.student.pendingItem", { email: p.email ?? "", date: f.date(p.expiresAt) }) : t("guardians.student.pendingCode", { date: f.date(p.expiresAt) })}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="invite" className="card">
        <h2 id="invite" className="mb-2">
          {t("guardians.student.invite")}
        </h2>
        {canInvite ? (
          <Form method="post" noValidate>
            <p className="mb-3 text-sm text-slate-700">{t("guardians.student.inviteLead")}</p>
            <input type="hidden" name="intent" value="invite" />
            <TextField name="email" type="email" label={t("guardians.student.email")} autoComplete="off" required />
            <button type="submit" className="btn">
              {t("guardians.student.send")}
            </button>
          </Form>
        ) : (
          <p>{t("guardians.student.full")}</p>
        )}
      </section>
    </div>
  );
}
