// /classes/:classId/guardians: a teacher of the class prints single-use guardian link codes for the accounts they
// created (students without e-mail). The POST answers the printable card: the token exists in clear only there.
import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { qrDataUrl } from "~/certificates/qr.server";
import { ClassHeader } from "~/components/classes/ClassNav";
import { FormErrors } from "~/components/forms";
import { studentsMissingConsent } from "~/guardians/consent.server";
import { classSessionsWithSlips } from "~/guardians/session-slips.server";
import { createGuardianCode, managedStudentsOfClass } from "~/guardians/links.server";
import { codeRefusals } from "~/guardians/refusals";
import { guardianCodeSchema } from "~/guardians/schemas";
import { titleMeta } from "~/i18n/meta";
import { useFormat, useT } from "~/i18n/react";
import { requireClassAccess } from "~/lib/class-guard.server";
import { db } from "~/lib/db.server";
import { siteOrigin } from "~/lib/env.server";
import { formFailure, parseForm, refusalReply } from "~/lib/forms.server";
import { nowIso } from "~/lib/time";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "guardians.code.title");
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, cls, canManage } = await requireClassAccess(request, params, "manage");
  const now = nowIso();
  const [students, missingConsent, sessionSlips] = await Promise.all([
    managedStudentsOfClass(db, cls.id),
    studentsMissingConsent(db, { classId: cls.id, now }),
    classSessionsWithSlips(db, { classId: cls.id, locale: user.locale, now }),
  ]);
  return { cls, canManage, students, missingConsent, sessionSlips };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, cls } = await requireClassAccess(request, params, "manage");
  const form = await parseForm(request, guardianCodeSchema);
  if (!form.ok) return formFailure(form.submission);
  const r = await createGuardianCode(db, { classId: cls.id, studentId: form.value.studentId, actor: { userId: user.id, ip: context?.clientIp ?? "unknown" }, now: nowIso() });
  if (!r.ok) return refusalReply(form.submission, r, codeRefusals);
  const link = `${siteOrigin(request)}/guardians/link/${r.value.token}`;
  return data({ card: { studentName: r.value.studentName, expiresAt: r.value.expiresAt, link, qr: await qrDataUrl(link) } });
}

export default function GuardianCodes() {
  const t = useT();
  const f = useFormat();
  const { cls, canManage, students, missingConsent, sessionSlips } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const card = result && "card" in result ? result.card : null;
  return (
    <div>
      <ClassHeader cls={cls} canManage={canManage} />
      {card ? (
        <section aria-labelledby="code-card" className="card mb-6 max-w-md" data-testid="guardian-code">
          <h2 id="code-card" className="mb-2">
            {t("guardians.code.card", { name: card.studentName })}
          </h2>
          <p className="mb-3">{t("guardians.code.cardLead", { date: f.date(card.expiresAt) })}</p>
          <img src={card.qr} alt={t("guardians.code.qrAlt")} width={200} height={200} />
          <p className="mt-3 break-all font-mono text-sm">{card.link}</p>
        </section>
      ) : null}
      <div className="no-print">
        {missingConsent.length > 0 ? (
          <p className="card mb-4" data-testid="consent-reminder">
            {t("guardians.consent.reminder", { count: missingConsent.length, names: missingConsent.map((s) => s.fullName).join(", ") })}
          </p>
        ) : null}
        {sessionSlips.length > 0 ? (
          <section className="card mb-4" data-testid="class-session-slips">
            <h2 className="mb-2">{t("slips.teacher.classSessions")}</h2>
            <ul>
              {sessionSlips.map((s) => (
                <li key={s.sessionId}>
                  <Link to={`/sessions/${s.sessionId}/slips`}>{s.title}</Link> · {f.dateTime(s.startsAt)}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        <h2 className="mb-2">{t("guardians.code.title")}</h2>
        <p className="mb-4 text-sm text-slate-700">{t("guardians.code.lead")}</p>
        <FormErrors />
        {students.length === 0 ? <p className="card">{t("guardians.code.none")}</p> : null}
        <ul className="space-y-2">
          {students.map((s) => (
            <li key={s.id} className="card flex flex-wrap items-center justify-between gap-3">
              <span>
                {s.fullName} <span className="text-sm text-slate-700">({s.username})</span>
              </span>
              <Form method="post">
                <input type="hidden" name="studentId" value={s.id} />
                <button type="submit" className="btn-secondary" aria-label={t("guardians.code.printLabel", { name: s.fullName })}>
                  {t("guardians.code.print")}
                </button>
              </Form>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
