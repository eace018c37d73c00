import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { enrolClassInCourse, loadEnrolOptions, registerClassForSession, rosterTargets } from "~/classes/enrol.server";
import { listMembers } from "~/classes/members.server";
import { requireClassFromRoute } from "~/classes/route-guard.server";
import { enrolSchema } from "~/classes/schemas";
import { ClassHeader } from "~/components/classes/ClassNav";
import { EnrolForms, EnrolOutcome } from "~/components/classes/EnrolForms";
import { FormErrors } from "~/components/forms";
import { useT } from "~/i18n/react";
import { db } from "~/lib/db.server";
import { formFailure, parseForm } from "~/lib/forms.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { cls, canManage } = await requireClassFromRoute(request, params, "manage");
  const [options, members] = await Promise.all([loadEnrolOptions(db, cls.id), listMembers(db, cls.id)]);
  return { cls, canManage, options, members: members.map((m) => ({ id: m.id, fullName: m.fullName })) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, cls } = await requireClassFromRoute(request, params, "manage");
  const form = await parseForm(request, enrolSchema);
  if (!form.ok) return formFailure(form.submission);
  const v = form.value;
  const userIds = await rosterTargets(db, cls.id, v.studentIds);
  if (v.intent === "enrolCourse") {
    const r = await enrolClassInCourse(db, { classId: cls.id, programId: v.programId, userIds, addedBy: user.id });
    if (!r.ok) return data({ outcome: { kind: "courseRefused" as const, reason: r.reason, seats: r.seatsLeft ?? 0 } }, { status: r.reason === "notFound" ? 404 : 409 });
    return data({ outcome: { kind: "courseDone" as const, ...r } });
  }
  const r = await registerClassForSession(db, { classId: cls.id, sessionId: v.sessionId, userIds, mode: v.mode, addedBy: user.id });
  if (!r.ok && r.reason === "notEnoughSeats") {
    // Nothing was registered: offer "as many as fit, waitlist the rest" for the same students, or cancel.
    return data({ outcome: { kind: "short" as const, sessionId: v.sessionId, fits: r.fits, needed: r.needed, studentIds: v.studentIds ?? [] } }, { status: 409 });
  }
  if (!r.ok) return data({ outcome: { kind: "sessionRefused" as const, reason: r.reason } }, { status: r.reason === "notFound" ? 404 : 409 });
  return data({ outcome: { kind: "sessionDone" as const, ...r } });
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
      {outcome?.kind === "short" ? (
        <div className="card mb-6 flex flex-wrap gap-3">
          <Form method="post">
            <input type="hidden" name="intent" value="registerSession" />
            <input type="hidden" name="sessionId" value={outcome.sessionId} />
            <input type="hidden" name="mode" value="fill-then-waitlist" />
            {outcome.studentIds.map((id) => (
              <input key={id} type="hidden" name="studentIds" value={id} />
            ))}
            <button type="submit" className="btn">
              {t("classes.enrol.fill", { seats: outcome.fits })}
            </button>
          </Form>
          <Form method="get">
            <button type="submit" className="btn-secondary">
              {t("classes.enrol.cancel")}
            </button>
          </Form>
        </div>
      ) : null}
      <EnrolForms options={options} members={members} />
    </div>
  );
}
