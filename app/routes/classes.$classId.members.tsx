import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { endAllSessions } from "~/auth/lucia.server";
import { rotateFeedTokenIfAny } from "~/workshops/schedule.server";
import { resetManagedPassword } from "~/classes/accounts.server";
import { buildCardsData, NO_STORE } from "~/classes/cards.server";
import { inviteByEmail } from "~/classes/invitations.server";
import { listMembers, removeMember } from "~/classes/members.server";
import { removeMemberRefusals, resetRefusals } from "~/classes/refusals";
import { membersPageSchema } from "~/classes/schemas";
import { ClassHeader } from "~/components/classes/ClassNav";
import { LoginCards } from "~/components/classes/LoginCards";
import { FormErrors, TextField } from "~/components/forms";
import { useT } from "~/i18n/react";
import { requireClassAccess } from "~/lib/class-guard.server";
import { db } from "~/lib/db.server";
import { siteOrigin } from "~/lib/env.server";
import { formFailure, parseForm, refusalReply } from "~/lib/forms.server";
import { nowIso } from "~/lib/time";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { cls, canManage } = await requireClassAccess(request, params, "view");
  return { cls, canManage, members: await listMembers(db, cls.id) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, cls } = await requireClassAccess(request, params, "manage");
  const actor = { userId: user.id, ip: context?.clientIp ?? "unknown" };
  const form = await parseForm(request, membersPageSchema);
  if (!form.ok) return formFailure(form.submission);
  const v = form.value;
  const back = (notice: "invitationSent" | "memberRemoved") => redirect(`/classes/${cls.id}/members?notice=notice.classes.${notice}`);
  if (v.intent === "addByEmail") {
    // The same answer whether the email is a student's, someone else's or nobody's (no account enumeration).
    await inviteByEmail(db, { classId: cls.id, email: v.email, actor, now: nowIso() });
    return back("invitationSent");
  }
  if (v.intent === "remove") {
    const removed = await removeMember(db, { classId: cls.id, studentId: v.studentId, actor, now: nowIso() });
    if (!removed.ok) return refusalReply(form.submission, removed, removeMemberRefusals);
    return back("memberRemoved");
  }
  const card = await resetManagedPassword(db, { teacherId: user.id, classId: cls.id, studentId: v.studentId, ip: actor.ip, now: nowIso() });
  if (!card.ok) return refusalReply(form.submission, card, resetRefusals);
  // Whoever was signed in with the old password (a shared computer) is signed out; the feed address changes too.
  await endAllSessions(v.studentId);
  await rotateFeedTokenIfAny(db, v.studentId, nowIso());
  return data(
    { reset: await buildCardsData(db, [card.value], { site: siteOrigin(request), className: cls.name, locale: "vi", actorId: user.id, now: nowIso() }) },
    { headers: NO_STORE },
  );
}

export default function ClassMembers() {
  const t = useT();
  const { cls, canManage, members } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const reset = result && "reset" in result ? result.reset : null;
  return (
    <div>
      <ClassHeader cls={cls} canManage={canManage} />
      {reset ? (
        <div className="mb-8">
          <p className="no-print alert alert-success" role="status">
            {t("classes.cards.resetTitle", { name: reset.cards[0]?.fullName ?? "" })}
          </p>
          <p className="no-print alert alert-info">{t("classes.cards.lead")}</p>
          <LoginCards data={reset} />
        </div>
      ) : null}
      <div className="no-print">
        <FormErrors />
        <h2 className="mb-3">{t("classes.members.title", { name: cls.name })}</h2>
        {canManage ? (
          <div className="mb-6 grid gap-4 md:grid-cols-2">
            <Form method="post" className="card" noValidate>
              <h3 className="mb-2">{t("classes.members.addHeading")}</h3>
              <input type="hidden" name="intent" value="addByEmail" />
              <p className="mb-2 text-sm text-slate-700">{t("classes.members.inviteLead")}</p>
              <TextField name="email" type="email" label={t("classes.members.email")} autoComplete="off" required />
              <button type="submit" className="btn-secondary">
                {t("classes.members.add")}
              </button>
            </Form>
            <div className="card flex items-center">
              <Link to={`/classes/${cls.id}/accounts/bulk`} className="btn">
                {t("classes.members.createAccounts")}
              </Link>
            </div>
          </div>
        ) : null}
        <p className="mb-2 text-sm text-slate-700">{t("classes.membersCount", { count: members.length })}</p>
        {members.length === 0 ? (
          <p className="card">{t("classes.members.empty")}</p>
        ) : (
          <div className="overflow-x-auto">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("classes.members.col.name")}</th>
                  <th scope="col">{t("classes.members.col.login")}</th>
                  <th scope="col">{t("classes.members.col.via")}</th>
                  {canManage ? <th scope="col">{t("common.actions")}</th> : null}
                </tr>
              </thead>
              <tbody>
                {members.map((m) => (
                  <tr key={m.id}>
                    <td>
                      <Link to={`/classes/${cls.id}/students/${m.id}`}>{m.fullName}</Link>
                    </td>
                    <td className="font-mono">{m.username ?? m.email}</td>
                    <td>{t(`classes.via.${m.joinedVia}`)}</td>
                    {canManage ? (
                      <td>
                        <div className="flex flex-wrap gap-3">
                          {m.managed ? (
                            <Form method="post">
                              <input type="hidden" name="intent" value="resetPassword" />
                              <input type="hidden" name="studentId" value={m.id} />
                              <button type="submit" className="btn-link" aria-label={t("classes.members.resetLabel", { name: m.fullName })}>
                                {t("classes.members.reset")}
                              </button>
                            </Form>
                          ) : null}
                          <Form method="post">
                            <input type="hidden" name="intent" value="remove" />
                            <input type="hidden" name="studentId" value={m.id} />
                            <button type="submit" className="btn-link text-red-800" aria-label={t("classes.members.removeLabel", { name: m.fullName })}>
                              {t("classes.members.remove")}
                            </button>
                          </Form>
                        </div>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </div>
  );
}
