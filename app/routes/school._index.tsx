import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { FormErrors, FormScope, SelectField } from "~/components/forms";
import { PageHeading } from "~/components/layout";
import { SchoolFields } from "~/components/tours/SchoolFields";
import { useT } from "~/i18n/react";
import { db } from "~/lib/db.server";
import { formFailure, parseForm, refusalReply } from "~/lib/forms.server";
import { isStaff, requireRole } from "~/lib/guards.server";
import { nowIso } from "~/lib/time";
import { loadMySchoolPage } from "~/schools/page.server";
import { revokeRefusals, schoolRefusals } from "~/schools/refusals";
import { revokeMembership } from "~/schools/revoke.server";
import { mySchoolSchema } from "~/schools/schemas";
import { decideMembershipAsCoordinator, proposeSchool, requestMembership, updateSchoolProfile } from "~/schools/schools.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "teacher", "coordinator", "staff", "admin");
  if (isStaff(user)) throw redirect("/staff/schools");
  return loadMySchoolPage(db, user);
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireRole(request, "teacher", "coordinator");
  const form = await parseForm(request, mySchoolSchema);
  if (!form.ok) return formFailure(form.submission);
  const v = form.value;
  const now = nowIso();
  switch (v.intent) {
    case "join": {
      const result = await requestMembership(db, { user, schoolId: v.schoolId, now });
      if (!result.ok) return refusalReply(form.submission, result, schoolRefusals);
      return redirect("/school?notice=notice.schools.requested");
    }
    case "propose": {
      const { intent: _i, ...profile } = v;
      await proposeSchool(db, { user, profile, now });
      return redirect("/school?notice=notice.schools.requested");
    }
    case "profile": {
      const { intent: _i, schoolId, ...profile } = v;
      const result = await updateSchoolProfile(db, { user, schoolId, profile });
      if (!result.ok) return refusalReply(form.submission, result, schoolRefusals);
      return redirect("/school?notice=notice.schools.saved");
    }
    case "decide": {
      // Only teacher requests of schools this user coordinates: anything else matches nothing.
      const result = await decideMembershipAsCoordinator(db, { user, membershipId: v.membershipId, approve: v.decision === "approve", now });
      if (!result.ok) return refusalReply(form.submission, result, schoolRefusals);
      return redirect("/school?notice=notice.schools.decided");
    }
    case "revoke": {
      // Only teacher memberships of schools this user coordinates: anything else matches nothing (404).
      const result = await revokeMembership(db, { membershipId: v.membershipId, by: user, ip: context?.clientIp ?? "unknown", now });
      if (!result.ok) return refusalReply(form.submission, result, revokeRefusals);
      return redirect("/school?notice=notice.schools.revoked");
    }
  }
}

export default function MySchool() {
  const t = useT();
  const { memberships, pending, joinable, managed } = useLoaderData<typeof loader>();
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
              <span className="font-semibold">{m.schoolName}</span>
              <span>· {t(`schools.role.${m.role}`)}</span>
              <span className={`badge ${m.status === "approved" ? "badge-ok" : m.status === "pending" ? "badge-warn" : "badge-bad"}`}>
                {t(`schools.membership.${m.status}`)}
              </span>
              {m.schoolStatus === "pending" ? <span className="text-sm">({t("schools.schoolPending")})</span> : null}
            </li>
          ))}
        </ul>
      </section>

      {managed.map((m) => (
        <section key={m.school.id} aria-labelledby={`manage-${m.school.id}`} className="card space-y-4">
          <h2 id={`manage-${m.school.id}`}>{t("schools.manage.heading", { school: m.school.name })}</h2>
          <p>
            <Link to={`/school/report?school=${m.school.id}`}>{t("schoolReport.link")}</Link>
          </p>
          <div>
            <h3>{t("schools.manage.requests")}</h3>
            {m.pending.length === 0 ? <p>{t("schools.manage.noRequests")}</p> : null}
            <ul className="mt-2 space-y-2">
              {m.pending.map((p) => (
                <li key={p.id} className="flex flex-wrap items-center gap-3">
                  <span>
                    {p.fullName} ({p.email ?? "—"})
                  </span>
                  <Form method="post" className="flex gap-2">
                    <input type="hidden" name="intent" value="decide" />
                    <input type="hidden" name="membershipId" value={p.id} />
                    <button type="submit" name="decision" value="approve" className="btn" aria-label={`${t("schools.approve")}: ${p.fullName}`}>
                      {t("schools.approve")}
                    </button>
                    <button type="submit" name="decision" value="reject" className="btn-secondary" aria-label={`${t("schools.reject")}: ${p.fullName}`}>
                      {t("schools.reject")}
                    </button>
                  </Form>
                </li>
              ))}
            </ul>
          </div>
          <div>
            <h3>{t("schools.manage.members")}</h3>
            <p className="text-sm text-slate-700">{t("schools.manage.revokeLead")}</p>
            <ul className="mt-2 space-y-2">
              {m.members.map((p) => (
                <li key={p.id} className="flex flex-wrap items-center gap-3">
                  <span>
                    {p.fullName} · {t(`schools.role.${p.role}`)}
                  </span>
                  {p.role === "teacher" ? (
                    <Form method="post">
                      <input type="hidden" name="intent" value="revoke" />
                      <input type="hidden" name="membershipId" value={p.id} />
                      <button type="submit" className="btn-link text-red-800" aria-label={t("schools.manage.revokeLabel", { name: p.fullName })}>
                        {t("schools.manage.revoke")}
                      </button>
                    </Form>
                  ) : null}
                </li>
              ))}
            </ul>
          </div>
          {/* Several forms share field names: each shows only the errors of its own submission. */}
          <FormScope match={{ intent: "profile", schoolId: m.school.id }}>
            <Form method="post">
              <h3 className="mb-2">{t("schools.manage.profile")}</h3>
              <input type="hidden" name="intent" value="profile" />
              <input type="hidden" name="schoolId" value={m.school.id} />
              <SchoolFields values={m.school} />
              <button type="submit" className="btn">
                {t("schools.manage.save")}
              </button>
            </Form>
          </FormScope>
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
        <FormScope match={{ intent: "propose" }}>
          <Form method="post">
            <input type="hidden" name="intent" value="propose" />
            <SchoolFields />
            <button type="submit" className="btn-secondary">
              {t("schools.propose.submit")}
            </button>
          </Form>
        </FormScope>
      </section>
    </div>
  );
}
