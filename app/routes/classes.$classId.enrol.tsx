import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { enrolClassInCourse, loadEnrolOptions, previewClassOverride, registerClassForSession, rosterTargets } from "~/classes/enrol.server";
import { listMembers } from "~/classes/members.server";
import { classCourseRefusals, classSessionRefusals } from "~/classes/refusals";
import { enrolSchema } from "~/classes/schemas";
import { ClassHeader } from "~/components/classes/ClassNav";
import { EnrolForms, EnrolOutcome, FillSeatsOffer } from "~/components/classes/EnrolForms";
import { OverrideConfirm, OverrideForm } from "~/components/classes/OverrideForms";
import { FormErrors } from "~/components/forms";
import { resolveLocale } from "~/i18n/locale.server";
import { useT } from "~/i18n/react";
import { requireClassAccess } from "~/lib/class-guard.server";
import { db } from "~/lib/db.server";
import { formFailure, parseForm, refusalReply } from "~/lib/forms.server";
import { isStaff } from "~/lib/guards.server";
import { forbidden } from "~/lib/http.server";
import { nowIso } from "~/lib/time";

// Teachers of the class enrol and register it under the rules; staff (who change no class otherwise) see only the
// override: registering past the workshop rules with a reason, after a confirm step, recorded in the security log.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, cls, canManage } = await requireClassAccess(request, params, "view");
  const [options, members] = await Promise.all([
    loadEnrolOptions(db, { classId: cls.id, locale: await resolveLocale(request, user), now: nowIso() }),
    listMembers(db, cls.id),
  ]);
  return { cls, canManage, staff: isStaff(user), options, members: members.map((m) => ({ id: m.id, fullName: m.fullName })) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, cls, canManage } = await requireClassAccess(request, params, "view");
  const form = await parseForm(request, enrolSchema);
  // The override is staff's alone; everything else needs a teacher of the class. Checked before any answer.
  const overriding = form.submission.payload?.intent === "overrideSession";
  if (overriding ? !isStaff(user) : !canManage) throw forbidden();
  if (!form.ok) return formFailure(form.submission);
  const v = form.value;
  const now = nowIso();
  const userIds = await rosterTargets(db, cls.id, v.studentIds);
  const locale = await resolveLocale(request, user);
  if (v.intent === "overrideSession") {
    if (v.confirm !== "yes") {
      const p = await previewClassOverride(db, { sessionId: v.sessionId, userIds, locale, now });
      if (!p.ok) return refusalReply(form.submission, p, classSessionRefusals);
      const session = (await loadEnrolOptions(db, { classId: cls.id, locale, now })).sessions.find((s) => s.id === v.sessionId);
      return data({
        overridePreview: { ...p.value, sessionId: v.sessionId, sessionTitle: session?.title ?? "", mode: v.mode, studentIds: v.studentIds ?? [], reason: v.reason },
      });
    }
    const actor = { userId: user.id, ip: context?.clientIp ?? "unknown" };
    const r = await registerClassForSession(db, { classId: cls.id, sessionId: v.sessionId, userIds, mode: v.mode, addedBy: user.id, locale, override: { actor, reason: v.reason }, now });
    if (!r.ok) return refusalReply(form.submission, r, classSessionRefusals);
    return data({ outcome: { kind: "sessionDone" as const, ...r.value, overridden: true } });
  }
  if (v.intent === "enrolCourse") {
    const r = await enrolClassInCourse(db, { classId: cls.id, programId: v.programId, userIds, addedBy: user.id, now });
    if (!r.ok) return refusalReply(form.submission, r, classCourseRefusals);
    return data({ outcome: { kind: "courseDone" as const, ...r.value } });
  }
  // Not enough seats (all-or-nothing): nothing was registered; the page offers "as many as fit, waitlist the
  // rest" for the same students, or cancel.
  const r = await registerClassForSession(db, { classId: cls.id, sessionId: v.sessionId, userIds, mode: v.mode, addedBy: user.id, locale, now });
  if (!r.ok) return refusalReply(form.submission, r, classSessionRefusals);
  return data({ outcome: { kind: "sessionDone" as const, ...r.value } });
}

export default function EnrolClass() {
  const t = useT();
  const { cls, canManage, staff, options, members } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const outcome = result && "outcome" in result ? result.outcome : null;
  const preview = result && "overridePreview" in result ? result.overridePreview : null;
  return (
    <div>
      <ClassHeader cls={cls} canManage={canManage} staff={staff} />
      <h2 className="mb-4">{staff ? t("classes.override.title", { name: cls.name }) : t("classes.enrol.title", { name: cls.name })}</h2>
      <FormErrors />
      {outcome ? <EnrolOutcome outcome={outcome} /> : null}
      {preview ? <OverrideConfirm preview={preview} /> : null}
      {canManage ? <FillSeatsOffer /> : null}
      {canManage ? <EnrolForms options={options} members={members} /> : null}
      {staff && !preview ? <OverrideForm sessions={options.sessions} members={members} /> : null}
    </div>
  );
}
