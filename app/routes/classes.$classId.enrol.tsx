import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { enrolClassInCourse, loadEnrolOptions, registerClassForSession, rosterTargets } from "~/classes/enrol.server";
import { listMembers } from "~/classes/members.server";
import { classCourseRefusals, classSessionRefusals } from "~/classes/refusals";
import { enrolSchema } from "~/classes/schemas";
import { ClassHeader } from "~/components/classes/ClassNav";
import { EnrolForms, EnrolOutcome, FillSeatsOffer } from "~/components/classes/EnrolForms";
import { FormErrors } from "~/components/forms";
import { resolveLocale } from "~/i18n/locale.server";
import { useT } from "~/i18n/react";
import { requireClassAccess } from "~/lib/class-guard.server";
import { db } from "~/lib/db.server";
import { formFailure, parseForm, refusalReply } from "~/lib/forms.server";
import { nowIso } from "~/lib/time";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, cls, canManage } = await requireClassAccess(request, params, "manage");
  const [options, members] = await Promise.all([
    loadEnrolOptions(db, { classId: cls.id, locale: await resolveLocale(request, user), now: nowIso() }),
    listMembers(db, cls.id),
  ]);
  return { cls, canManage, options, members: members.map((m) => ({ id: m.id, fullName: m.fullName })) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, cls } = await requireClassAccess(request, params, "manage");
  const form = await parseForm(request, enrolSchema);
  if (!form.ok) return formFailure(form.submission);
  const v = form.value;
  const now = nowIso();
  const userIds = await rosterTargets(db, cls.id, v.studentIds);
  if (v.intent === "enrolCourse") {
    const r = await enrolClassInCourse(db, { classId: cls.id, programId: v.programId, userIds, addedBy: user.id, now });
    if (!r.ok) return refusalReply(form.submission, r, classCourseRefusals);
    return data({ outcome: { kind: "courseDone" as const, ...r.value } });
  }
  // Not enough seats (all-or-nothing): nothing was registered; the page offers "as many as fit, waitlist the
  // rest" for the same students, or cancel.
  const locale = await resolveLocale(request, user);
  const r = await registerClassForSession(db, { classId: cls.id, sessionId: v.sessionId, userIds, mode: v.mode, addedBy: user.id, locale, now });
  if (!r.ok) return refusalReply(form.submission, r, classSessionRefusals);
  return data({ outcome: { kind: "sessionDone" as const, ...r.value } });
}

export default function EnrolClass() {
  const t = useT();
  const { cls, canManage, options, members } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const outcome = result && "outcome" in result ? result.outcome : null;
  return (
    <div>
      <ClassHeader cls={cls} canManage={canManage} />
      <h2 className="mb-4">{t("classes.enrol.title", { name: cls.name })}</h2>
      <FormErrors />
      {outcome ? <EnrolOutcome outcome={outcome} /> : null}
      <FillSeatsOffer />
      <EnrolForms options={options} members={members} />
    </div>
  );
}
