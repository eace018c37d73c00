import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { isStaff, requireRole } from "~/lib/guards.server";
import { forbidden } from "~/lib/http.server";
import { FormErrors, SelectField } from "~/components/forms";
import { PageHeading } from "~/components/layout";
import { SchoolFields } from "~/components/tours/SchoolFields";
import { useT } from "~/i18n/react";
import { db } from "~/lib/db.server";
import { formFailure, parseForm } from "~/lib/forms.server";
import { loadMySchoolPage } from "~/schools/page.server";
import { mySchoolSchema } from "~/schools/schemas";
import { approvedSchoolsOf, decideMembership, isCoordinatorOf, proposeSchool, requestMembership, updateSchoolProfile } from "~/schools/schools.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "teacher", "coordinator", "staff", "admin");
  if (isStaff(user)) throw redirect("/staff/schools");
  return loadMySchoolPage(db, user);
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "teacher", "coordinator");
  const form = await parseForm(request, mySchoolSchema);
  if (!form.ok) return formFailure(form.submission);
  const v = form.value;
  switch (v.intent) {
    case "join": {
      const r = await requestMembership(db, user, v.schoolId);
      if (!r.ok) return formFailure(form.submission, { fieldErrors: { schoolId: [r.error] }, status: 409 });
      return redirect("/school?notice=notice.schools.requested");
    }
    case "propose": {
      const { intent: _i, ...profile } = v;
      await proposeSchool(db, user, profile);
      return redirect("/school?notice=notice.schools.requested");
    }
    case "profile": {
      if (!(await isCoordinatorOf(db, user.id, v.schoolId))) throw forbidden();
      const { intent: _i, schoolId, ...profile } = v;
      await updateSchoolProfile(db, schoolId, profile);
      return redirect("/school?notice=notice.schools.saved");
    }
    case "decide": {
      // Only teacher requests of schools this user coordinates: anything else matches nothing.
      const mine = (await approvedSchoolsOf(db, user.id)).filter((s) => s.role === "coordinator").map((s) => s.id);
      if (mine.length === 0) throw forbidden();
      const ok = await decideMembership(db, { membershipId: v.membershipId, approve: v.decision === "approve", deciderId: user.id, scope: { schoolIds: mine, teachersOnly: true } });
      if (!ok) return formFailure(form.submission, { formErrors: ["schools.errors.alreadyDecided"], status: 409 });
      return redirect("/school?notice=notice.schools.decided");
    }
  }
}

export default function MySchool() {
  const t = useT();
  const { memberships, joinable, managed } = useLoaderData<typeof loader>();
  const pending = memberships.some((m) => m.status === "pending");
  // Several forms share field names: each shows only the errors of its own submission.
  const last = (useActionData() as { submission?: { initialValue?: Record<string, unknown> | null } } | undefined)?.submission;
  const replyFor = (intent: string, schoolId?: number) =>
    last?.initialValue?.intent === intent && (schoolId === undefined || String(last.initialValue.schoolId) === String(schoolId)) ? last : {};
  return (
    <div className="space-y-8">
      <PageHeading lead={t("schools.lead")}>{t("schools.title")}</PageHeading>
      <FormErrors />
      <section aria-labelledby="mine" className="card">
        <h2 id="mine">{t("schools.myMemberships")}</h2>
        {memberships.length === 0 ? <p className="mt-2">{t("schools.noMemberships")}</p> : null}
        {pending ? <p className="alert alert-info mt-3">{t("schools.pendingNote")}</p> : null}
        <ul className="mt-3 space-y-2">
          {memberships.map((m) => (
            <li key={m.id} className="flex flex-wrap items-center gap-2">
              <span className="font-semibold">{m.name}</span>
              <span>· {t(`schools.role.${m.role}`)}</span>
              <span className={`badge ${m.status === "approved" ? "badge-ok" : m.status === "pending" ? "badge-warn" : "badge-bad"}`}>
                {t(`schools.membership.${m.status}`)}
              </span>
              {m.school_status === "pending" ? <span className="text-sm">({t("schools.schoolPending")})</span> : null}
            </li>
          ))}
        </ul>
      </section>

      {managed.map((m) => (
        <section key={m.school.id} aria-labelledby={`manage-${m.school.id}`} className="card space-y-4">
          <h2 id={`manage-${m.school.id}`}>{t("schools.manage.heading", { school: m.school.name })}</h2>
          <div>
            <h3>{t("schools.manage.requests")}</h3>
            {m.pending.length === 0 ? <p>{t("schools.manage.noRequests")}</p> : null}
            <ul className="mt-2 space-y-2">
              {m.pending.map((p) => (
                <li key={p.id} className="flex flex-wrap items-center gap-3">
                  <span>
                    {p.full_name} ({p.email ?? "—"})
                  </span>
                  <Form method="post" className="flex gap-2">
                    <input type="hidden" name="intent" value="decide" />
                    <input type="hidden" name="membershipId" value={p.id} />
                    <button type="submit" name="decision" value="approve" className="btn" aria-label={`${t("schools.approve")}: ${p.full_name}`}>
                      {t("schools.approve")}
                    </button>
                    <button type="submit" name="decision" value="reject" className="btn-secondary" aria-label={`${t("schools.reject")}: ${p.full_name}`}>
                      {t("schools.reject")}
                    </button>
                  </Form>
                </li>
              ))}
            </ul>
          </div>
          <div>
            <h3>{t("schools.manage.members")}</h3>
            <ul className="mt-2 list-disc pl-5">
              {m.members.map((p) => (
                <li key={p.id}>
                  {p.full_name} · {t(`schools.role.${p.role}`)}
                </li>
              ))}
            </ul>
          </div>
          <Form method="post">
            <h3 className="mb-2">{t("schools.manage.profile")}</h3>
            <input type="hidden" name="intent" value="profile" />
            <input type="hidden" name="schoolId" value={m.school.id} />
            <SchoolFields values={m.school} reply={replyFor("profile", m.school.id)} />
            <button type="submit" className="btn">
              {t("schools.manage.save")}
            </button>
          </Form>
        </section>
      ))}

      {joinable.length ? (
        <section aria-labelledby="join" className="card">
          <h2 id="join">{t("schools.join.heading")}</h2>
          <Form method="post" className="mt-3">
            <input type="hidden" name="intent" value="join" />
            <SelectField name="schoolId" label={t("schools.join.school")} options={joinable.map((s) => ({ value: String(s.id), label: [s.name, s.district].filter(Boolean).join(" — ") }))} />
            <button type="submit" className="btn">
              {t("schools.join.submit")}
            </button>
          </Form>
        </section>
      ) : null}

      <section aria-labelledby="propose" className="card">
        <h2 id="propose">{t("schools.propose.heading")}</h2>
        <p className="mb-3">{t("schools.propose.lead")}</p>
        <Form method="post">
          <input type="hidden" name="intent" value="propose" />
          <SchoolFields reply={replyFor("propose")} />
          <button type="submit" className="btn-secondary">
            {t("schools.propose.submit")}
          </button>
        </Form>
      </section>
    </div>
  );
}
