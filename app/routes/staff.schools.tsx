import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { FormErrors } from "~/components/forms";
import { PageHeading, Pagination } from "~/components/layout";
import { useFormat, useT } from "~/i18n/react";
import { db } from "~/lib/db.server";
import { formFailure, parseForm, parseParam, refusalReply } from "~/lib/forms.server";
import { requireStaff } from "~/lib/guards.server";
import { pageSchema } from "~/lib/schemas";
import { nowIso } from "~/lib/time";
import { revokeRefusals, schoolRefusals } from "~/schools/refusals";
import { revokeMembership } from "~/schools/revoke.server";
import { staffSchoolsSchema } from "~/schools/schemas";
import { decideMembership, decideSchool, listMembersOf, listPendingForStaff, listSchoolsPage } from "~/schools/schools.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  const page = parseParam(pageSchema, new URL(request.url).searchParams.get("page") ?? 1);
  const [pending, schools] = await Promise.all([listPendingForStaff(db), listSchoolsPage(db, page)]);
  // The approved members of the schools on this page, so staff can revoke a membership (one query).
  const members = await listMembersOf(db, schools.rows.map((s) => s.id));
  return { ...pending, all: schools.rows.map((s) => ({ ...s, members: members.filter((m) => m.schoolId === s.id) })), pages: schools.pages, page };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  const form = await parseForm(request, staffSchoolsSchema);
  if (!form.ok) return formFailure(form.submission);
  const v = form.value;
  if (v.intent === "revoke") {
    const revoked = await revokeMembership(db, { membershipId: v.membershipId, by: staff, ip: context?.clientIp ?? "unknown", now: nowIso() });
    if (!revoked.ok) return refusalReply(form.submission, revoked, revokeRefusals);
    return redirect("/staff/schools?notice=notice.schools.revoked");
  }
  const approve = v.decision === "approve";
  const now = nowIso();
  const result =
    v.intent === "school"
      ? await decideSchool(db, { schoolId: v.schoolId, approve, staffId: staff.id, now })
      : await decideMembership(db, { membershipId: v.membershipId, approve, deciderId: staff.id, scope: "all", now });
  if (!result.ok) return refusalReply(form.submission, result, schoolRefusals);
  return redirect("/staff/schools?notice=notice.schools.decided");
}

function Decide({ intent, idName, id, label }: { intent: string; idName: string; id: number; label: string }) {
  const t = useT();
  return (
    <Form method="post" className="flex gap-2">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name={idName} value={id} />
      <button type="submit" name="decision" value="approve" className="btn" aria-label={`${t("schools.approve")}: ${label}`}>
        {t("schools.approve")}
      </button>
      <button type="submit" name="decision" value="reject" className="btn-secondary" aria-label={`${t("schools.reject")}: ${label}`}>
        {t("schools.reject")}
      </button>
    </Form>
  );
}

export default function StaffSchools() {
  const t = useT();
  const f = useFormat();
  const { schools, memberships, all, page, pages } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-8">
      <PageHeading>{t("schools.staff.title")}</PageHeading>
      <FormErrors />
      <section aria-labelledby="pending-schools" className="card">
        <h2 id="pending-schools">{t("schools.staff.pendingSchools")}</h2>
        {schools.length === 0 ? <p className="mt-2">{t("schools.staff.none")}</p> : null}
        <ul className="mt-3 space-y-3">
          {schools.map((s) => (
            <li key={s.id} className="border-b border-slate-200 pb-3">
              <p className="font-semibold">{s.name}</p>
              <p className="text-sm">{[s.address, s.district, s.province, s.phone, s.email].filter(Boolean).join(" · ")}</p>
              <p className="text-sm">
                {t("schools.staff.proposer")}: {s.proposer ?? "—"} · <time dateTime={s.createdAt}>{f.dateTime(s.createdAt)}</time>
              </p>
              <div className="mt-2">
                <Decide intent="school" idName="schoolId" id={s.id} label={s.name} />
              </div>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="pending-members" className="card">
        <h2 id="pending-members">{t("schools.staff.pendingMemberships")}</h2>
        {memberships.length === 0 ? <p className="mt-2">{t("schools.staff.none")}</p> : null}
        <ul className="mt-3 space-y-3">
          {memberships.map((m) => (
            <li key={m.id} className="flex flex-wrap items-center gap-3 border-b border-slate-200 pb-3">
              <span>
                <span className="font-semibold">{m.fullName}</span> ({m.email ?? "—"}) · {t(`schools.role.${m.role}`)} · {m.schoolName}
                {m.schoolStatus === "pending" ? ` (${t("schools.schoolPending")})` : ""}
              </span>
              <Decide intent="membership" idName="membershipId" id={m.id} label={`${m.fullName} — ${m.schoolName}`} />
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="all-schools">
        <h2 id="all-schools">{t("schools.staff.all")}</h2>
        <ul className="mt-3 grid gap-2 sm:grid-cols-2">
          {all.map((s) => (
            <li key={s.id} className="card">
              <span className="font-semibold">{s.name}</span>
              <span className="block text-sm">{[s.district, s.province].filter(Boolean).join(", ")}</span>
              {s.members.length ? (
                <details className="mt-2">
                  <summary>{t("schools.manage.members")} ({s.members.length})</summary>
                  <ul className="mt-2 space-y-1">
                    {s.members.map((m) => (
                      <li key={m.id} className="flex flex-wrap items-center gap-2 text-sm">
                        <span>
                          {m.fullName} · {t(`schools.role.${m.role}`)}
                        </span>
                        <Form method="post">
                          <input type="hidden" name="intent" value="revoke" />
                          <input type="hidden" name="membershipId" value={m.id} />
                          <button type="submit" className="btn-link text-red-800" aria-label={t("schools.manage.revokeLabel", { name: m.fullName })}>
                            {t("schools.manage.revoke")}
                          </button>
                        </Form>
                      </li>
                    ))}
                  </ul>
                </details>
              ) : null}
            </li>
          ))}
        </ul>
        <Pagination page={page} pages={pages} />
      </section>
    </div>
  );
}
