import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireRole } from "~/lib/guards.server";
import { answerInvitation, listPendingInvitations, teachersOfJoinedClasses } from "~/classes/invitations.server";
import { listJoinedClasses, removeMember } from "~/classes/members.server";
import { answerInvitationRefusals, removeMemberRefusals } from "~/classes/refusals";
import { joinedPageSchema } from "~/classes/schemas";
import { FormErrors } from "~/components/forms";
import { ConfirmActions } from "~/components/confirm";
import { PageHeading } from "~/components/layout";
import { useFormat, useT } from "~/i18n/react";
import { db } from "~/lib/db.server";
import { formFailure, parseForm, refusalReply } from "~/lib/forms.server";
import { nowIso } from "~/lib/time";

// A student's own classes (and who can see their progress there), the invitations waiting for their answer,
// and where they leave a class (also reached from the dashboard panel).
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "student");
  const [classes, teachers, invitations] = await Promise.all([
    listJoinedClasses(db, user.id),
    teachersOfJoinedClasses(db, user.id),
    listPendingInvitations(db, user.id),
  ]);
  return { classes: classes.map((c) => ({ ...c, teachers: teachers.get(c.id) ?? [c.teacherName] })), invitations };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireRole(request, "student");
  const form = await parseForm(request, joinedPageSchema);
  if (!form.ok) return formFailure(form.submission);
  const v = form.value;
  const ip = context?.clientIp ?? "unknown";
  if (v.intent === "leave") {
    // Scoped by the student's own id: nobody leaves on someone else's behalf; a class they are not in is a 404.
    const left = await removeMember(db, { classId: v.classId, studentId: user.id, actor: { userId: user.id, ip }, now: nowIso() });
    if (!left.ok) return refusalReply(form.submission, left, removeMemberRefusals);
    throw redirect("/classes/joined?notice=notice.classes.left");
  }
  const r = await answerInvitation(db, { invitationId: v.invitationId, student: user, accept: v.intent === "accept", ip, now: nowIso() });
  if (!r.ok) return refusalReply(form.submission, r, answerInvitationRefusals);
  throw redirect(`/classes/joined?notice=notice.classes.${r.value.accepted ? "invitationAccepted" : "invitationDeclined"}`);
}

export default function JoinedClasses() {
  const t = useT();
  const f = useFormat();
  const { classes, invitations } = useLoaderData<typeof loader>();
  // "Rời lớp" opens its confirm step in the class's card (?leave=<id>), so it works without JavaScript.
  const [params] = useSearchParams();
  const leaving = Number(params.get("leave")) || null;
  return (
    <div className="mx-auto max-w-2xl">
      <PageHeading>{t("classes.joined.title")}</PageHeading>
      <FormErrors />
      {invitations.length > 0 ? (
        <section aria-labelledby="invitations" className="mb-8">
          <h2 id="invitations" className="mb-3">
            {t("classes.invitations.title")}
          </h2>
          <p className="mb-3 text-sm text-slate-700">{t("classes.invitations.lead")}</p>
          <ul className="space-y-3">
            {invitations.map((inv) => (
              <li key={inv.id} className="card flex flex-wrap items-center justify-between gap-3">
                <div>
                  <p className="font-semibold">{inv.className}</p>
                  <p className="text-sm text-slate-700">
                    {inv.schoolName}
                    {inv.teacherName ? ` · ${t("classes.joined.teacher", { name: inv.teacherName })}` : ""} · {f.date(inv.invitedAt)}
                  </p>
                </div>
                <div className="flex gap-2">
                  <Form method="post">
                    <input type="hidden" name="intent" value="accept" />
                    <input type="hidden" name="invitationId" value={inv.id} />
                    <button type="submit" className="btn" aria-label={t("classes.invitations.acceptLabel", { name: inv.className })}>
                      {t("classes.invitations.accept")}
                    </button>
                  </Form>
                  <Form method="post">
                    <input type="hidden" name="intent" value="decline" />
                    <input type="hidden" name="invitationId" value={inv.id} />
                    <button type="submit" className="btn-secondary" aria-label={t("classes.invitations.declineLabel", { name: inv.className })}>
                      {t("classes.invitations.decline")}
                    </button>
                  </Form>
                </div>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {classes.length === 0 ? <p className="card mb-4">{t("classes.joined.empty")}</p> : <p className="mb-3 text-sm text-slate-700">{t("classes.joined.visibility")}</p>}
      <ul className="mb-6 space-y-3">
        {classes.map((c) => (
          <li key={c.id} id={`class-${c.id}`} className="card flex flex-wrap items-center justify-between gap-3">
            <div>
              <p className="font-semibold">
                {c.name} {c.archivedAt ? <span className="badge badge-neutral">{t("classes.archivedBadge")}</span> : null}
              </p>
              <p className="text-sm text-slate-700">{c.schoolName}</p>
              <p className="text-sm text-slate-700">{t("classes.joined.seenBy", { names: c.teachers.join(", ") })}</p>
            </div>
            {leaving === c.id ? (
              <div className="w-full space-y-2" data-testid="confirm-leave">
                <p className="font-semibold">{t("confirm.leave.title", { name: c.name })}</p>
                <p className="text-sm">{t("confirm.leave.next")}</p>
                <ConfirmActions intent="leave" fields={{ classId: c.id }} submitLabel={t("confirm.leave.submit")} />
              </div>
            ) : (
              <Link
                to={`?leave=${c.id}#class-${c.id}`}
                className="btn-outline-danger"
                aria-label={t("classes.joined.leaveLabel", { name: c.name })}
                preventScrollReset
              >
                {t("classes.joined.leave")}
              </Link>
            )}
          </li>
        ))}
      </ul>
      <Link to="/join" className="btn">
        {t("classes.joined.join")}
      </Link>
    </div>
  );
}
