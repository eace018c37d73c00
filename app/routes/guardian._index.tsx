// /guardian: a guardian's children — upcoming workshops (cancel before the deadline, with a confirm step opened by
// ?cancel=<registration>), tours, course progress, certificates, permission slips, and data consent for under-16s.
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { CheckboxField, FormErrors, FormScope } from "~/components/forms";
import { ConfirmActions } from "~/components/confirm";
import { PageHeading, ProgressBar } from "~/components/layout";
import { cancelChildRegistration, loadGuardianDashboard } from "~/guardians/dashboard.server";
import { giveConsent, withdrawConsent } from "~/guardians/consent.server";
import { consentRefusals } from "~/guardians/refusals";
import { guardianPageSchema } from "~/guardians/schemas";
import { titleMeta } from "~/i18n/meta";
import { useFormat, useT } from "~/i18n/react";
import { db } from "~/lib/db.server";
import { formFailure, parseForm, refusalReply } from "~/lib/forms.server";
import { requireRole } from "~/lib/guards.server";
import { nowIso } from "~/lib/time";
import { cancelRefusals } from "~/workshops/refusals";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "guardians.dashboard.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "guardian");
  return loadGuardianDashboard(db, {
    guardianId: user.id,
    locale: user.locale,
    now: nowIso(),
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireRole(request, "guardian");
  const form = await parseForm(request, guardianPageSchema);
  if (!form.ok) return formFailure(form.submission);
  const v = form.value;
  const ip = context?.clientIp ?? "unknown";
  if (v.intent === "cancel") {
    const r = await cancelChildRegistration(db, {
      guardianId: user.id,
      registrationId: v.registrationId,
      now: nowIso(),
    });
    if (!r.ok) return refusalReply(form.submission, r, cancelRefusals);
    throw redirect("/guardian?notice=notice.workshops.cancelled");
  }
  if (v.intent === "giveConsent") {
    const r = await giveConsent(db, {
      guardianId: user.id,
      studentId: v.studentId,
      ip,
      now: nowIso(),
    });
    if (!r.ok) return refusalReply(form.submission, r, consentRefusals);
    throw redirect("/guardian?notice=notice.guardians.consentGiven");
  }
  const r = await withdrawConsent(db, {
    guardianId: user.id,
    studentId: v.studentId,
    ip,
    now: nowIso(),
  });
  if (!r.ok) return refusalReply(form.submission, r, consentRefusals);
  throw redirect("/guardian?notice=notice.guardians.consentWithdrawn");
}

export default function GuardianDashboard() {
  const t = useT();
  const f = useFormat();
  const { children } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const cancelling = Number(params.get("cancel")) || null;
  const withdrawing = Number(params.get("withdraw")) || null;
  return (
    <div className="mx-auto max-w-3xl space-y-8">
      <PageHeading lead={t("guardians.dashboard.lead")}>{t("guardians.dashboard.title")}</PageHeading>
      <FormErrors />
      {children.length === 0 ? <p className="card">{t("guardians.dashboard.none")}</p> : null}
      {children.map((c) => (
        <section key={c.id} aria-labelledby={`child-${c.id}`} className="card space-y-4" data-testid="child">
          <h2 id={`child-${c.id}`}>{c.fullName}</h2>
          {c.consentNeeded ? (
            <div className="rounded border border-slate-300 p-3">
              <h3 className="mb-1">{t("guardians.consent.heading")}</h3>
              {c.consent?.status === "given" ? (
                <>
                  <p>
                    {t("guardians.consent.givenOn", {
                      date: f.dateTime(c.consent.givenAt ?? ""),
                    })}
                  </p>
                  {withdrawing === c.id ? (
                    <div className="mt-2 space-y-2">
                      <p className="font-semibold">{t("guardians.consent.withdrawWhat")}</p>
                      <ConfirmActions intent="withdrawConsent" fields={{ studentId: c.id }} submitLabel={t("guardians.consent.withdraw")} />
                    </div>
                  ) : (
                    <Link to={`?withdraw=${c.id}`} className="btn-secondary mt-2 inline-block" preventScrollReset>
                      {t("guardians.consent.withdraw")}
                    </Link>
                  )}
                </>
              ) : (
                <FormScope match={{ intent: "giveConsent", studentId: c.id }}>
                  <Form method="post" noValidate>
                    <p className="mb-2">
                      {c.consent?.status === "withdrawn"
                        ? t("guardians.consent.withdrawnOn", {
                            date: f.dateTime(c.consent.withdrawnAt ?? ""),
                          }) + " "
                        : ""}
                      {t("guardians.consent.missing")} <Link to="/guardian/consent">{t("guardians.consent.read")}</Link>
                    </p>
                    <input type="hidden" name="intent" value="giveConsent" />
                    <input type="hidden" name="studentId" value={c.id} />
                    <CheckboxField name="agree" label={t("guardians.consent.agree", { name: c.fullName })} />
                    <button type="submit" className="btn">
                      {t("guardians.consent.give")}
                    </button>
                  </Form>
                </FormScope>
              )}
            </div>
          ) : null}
          <div>
            <h3 className="mb-1">{t("guardians.dashboard.slips")}</h3>
            {c.slips.length === 0 ? (
              <p className="text-sm text-slate-700">{t("guardians.dashboard.noSlips")}</p>
            ) : (
              <ul className="space-y-1">
                {c.slips.map((s) => (
                  <li key={s.id}>
                    <Link to={`/guardian/slips/${s.id}`}>{s.title}</Link> · {f.dateTime(s.startsAt)} ·{" "}
                    <strong>{t(`slips.status.${s.status}`)}</strong>
                  </li>
                ))}
              </ul>
            )}
          </div>
          <div>
            <h3 className="mb-1">{t("guardians.dashboard.workshops")}</h3>
            {c.workshops.length === 0 ? (
              <p className="text-sm text-slate-700">{t("guardians.dashboard.nothing")}</p>
            ) : (
              <ul className="space-y-2">
                {c.workshops.map((w) => (
                  <li key={w.registrationId}>
                    <Link to={`/workshops/${w.slug}`}>{w.title}</Link> · {f.dateTime(w.startsAt)} · {w.room}
                    {w.canCancel ? (
                      cancelling === w.registrationId ? (
                        <div className="mt-2">
                          <ConfirmActions
                            intent="cancel"
                            fields={{ registrationId: w.registrationId }}
                            submitLabel={t("guardians.dashboard.cancelConfirm", { title: w.title })}
                          />
                        </div>
                      ) : (
                        <>
                          {" · "}
                          <Link
                            to={`?cancel=${w.registrationId}`}
                            preventScrollReset
                            aria-label={t("guardians.dashboard.cancelLabel", {
                              title: w.title,
                            })}
                          >
                            {t("guardians.dashboard.cancel")}
                          </Link>
                        </>
                      )
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
          </div>
          <div>
            <h3 className="mb-1">{t("guardians.dashboard.tours")}</h3>
            {c.tours.length === 0 ? (
              <p className="text-sm text-slate-700">{t("guardians.dashboard.nothing")}</p>
            ) : (
              <ul>
                {c.tours.map((x) => (
                  <li key={x.bookingId}>
                    <Link to={`/tours/${x.slug}`}>{x.title}</Link> · {f.dateTime(x.startsAt)}
                  </li>
                ))}
              </ul>
            )}
          </div>
          <div>
            <h3 className="mb-1">{t("guardians.dashboard.courses")}</h3>
            {c.courses.length === 0 ? (
              <p className="text-sm text-slate-700">{t("guardians.dashboard.nothing")}</p>
            ) : (
              <ul className="space-y-2">
                {c.courses.map((x) => (
                  <li key={x.programId}>
                    <p>{x.title}</p>
                    <ProgressBar
                      value={x.percent}
                      label={t("guardians.dashboard.progress", {
                        title: x.title,
                      })}
                    />
                  </li>
                ))}
              </ul>
            )}
          </div>
          <div>
            <h3 className="mb-1">{t("guardians.dashboard.certificates")}</h3>
            {c.certificates.length === 0 ? (
              <p className="text-sm text-slate-700">{t("guardians.dashboard.nothing")}</p>
            ) : (
              <ul>
                {c.certificates.map((x) => (
                  <li key={x.id}>
                    {x.title} · {f.date(x.issuedAt)} · {x.serial}
                  </li>
                ))}
              </ul>
            )}
          </div>
        </section>
      ))}
    </div>
  );
}
