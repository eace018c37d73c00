// Switching two-step sign-in on (secret + QR code, confirmed with a code; recovery codes shown once) and off
// (with the password). Staff and admin whose grace period is over are sent here by the guards.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { endAllSessions, startSession } from "~/auth/lucia.server";
import { twoFactorConfirmRefusals, twoFactorDisableRefusals, twoFactorEnrolRefusals } from "~/auth/refusals";
import { qrDataUrl } from "~/certificates/qr.server";
import { confirmEnrolment, disableTwoFactor, startEnrolment, twoFactorRequirement, twoFactorStatus } from "~/auth/two-factor.server";
import { FormErrors, Notice, TextField } from "~/components/forms";
import { PageHeading } from "~/components/layout";
import { titleMeta } from "~/i18n/meta";
import { useFormat, useT } from "~/i18n/react";
import { db } from "~/lib/db.server";
import { formFailure, parseForm, refusalReply } from "~/lib/forms.server";
import { requireUser } from "~/lib/guards.server";
import { nowIso } from "~/lib/time";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "twoFactor.title");

const NO_STORE = { "Cache-Control": "no-store, private" };

const schema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("start") }),
  z.object({ intent: z.literal("confirm"), code: z.string({ error: "validation.required" }).trim().min(1, { error: "validation.required" }).max(20, { error: "validation.invalid" }) }),
  z.object({ intent: z.literal("disable"), password: z.string({ error: "validation.required" }).min(1, { error: "validation.required" }).max(200) }),
]);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const label = user.email ?? user.username ?? String(user.id);
  const status = await twoFactorStatus(db, { id: user.id, role: user.role, label });
  const mustEnrol = (await twoFactorRequirement(db, user, nowIso())) === "enrol";
  const qr = status.pending ? await qrDataUrl(status.pending.uri, { margin: 1 }) : null;
  return data({ status, qr, mustEnrol }, { headers: NO_STORE });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await parseForm(request, schema);
  if (!form.ok) return formFailure(form.submission);
  const actor = { userId: user.id, ip: context?.clientIp ?? "unknown" };
  const now = nowIso();
  if (form.value.intent === "start") {
    const r = await startEnrolment(db, { userId: user.id, now });
    if (!r.ok) return refusalReply(form.submission, r, twoFactorEnrolRefusals);
    return redirect("/account/two-factor");
  }
  if (form.value.intent === "confirm") {
    const r = await confirmEnrolment(db, { userId: user.id, code: form.value.code, actor, now });
    if (!r.ok) return refusalReply(form.submission, r, twoFactorConfirmRefusals);
    // Every other session ends (ASVS 7.4.3): a session opened with the password alone does not outlive the change.
    await endAllSessions(user.id);
    // Shown this once, never cached.
    return data({ recoveryCodes: r.value }, { headers: { ...NO_STORE, "Set-Cookie": await startSession(user.id) } });
  }
  const r = await disableTwoFactor(db, { userId: user.id, role: user.role, password: form.value.password, actor, now });
  if (!r.ok) return refusalReply(form.submission, r, twoFactorDisableRefusals);
  await endAllSessions(user.id);
  return redirect("/account/two-factor?notice=notice.twoFactor.disabled", { headers: { "Set-Cookie": await startSession(user.id) } });
}

export default function AccountTwoFactor() {
  const t = useT();
  const f = useFormat();
  const { status, qr, mustEnrol } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const codes = reply && "recoveryCodes" in reply ? reply.recoveryCodes : null;
  return (
    <div className="mx-auto max-w-xl space-y-6">
      <PageHeading lead={t("twoFactor.lead")}>{t("twoFactor.title")}</PageHeading>
      {mustEnrol ? (
        <p className="alert alert-error" role="alert">
          {t("twoFactor.mustEnrol")}
        </p>
      ) : null}
      {codes ? (
        <section aria-labelledby="recovery" className="card">
          <Notice>{t("notice.twoFactor.enabled")}</Notice>
          <h2 id="recovery" className="mb-2">
            {t("twoFactor.recovery.title")}
          </h2>
          <p>{t("twoFactor.recovery.lead")}</p>
          <ul className="mt-2 grid grid-cols-1 gap-1 font-mono sm:grid-cols-2" data-testid="recovery-codes">
            {codes.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="status" className="card">
        <h2 id="status" className="mb-2">
          {status.enabled ? t("twoFactor.status.on") : t("twoFactor.status.off")}
        </h2>
        {status.required ? <p>{t("twoFactor.required")}</p> : null}
        {status.required && !status.enabled && status.graceEndsAt && !mustEnrol ? (
          <p>{t("twoFactor.graceUntil", { date: f.dateTime(status.graceEndsAt) })}</p>
        ) : null}
        {status.enabled ? <p>{t("twoFactor.recovery.left", { count: status.recoveryCodesLeft })}</p> : null}
        <FormErrors />
        {!status.enabled && !status.pending ? (
          <Form method="post">
            <input type="hidden" name="intent" value="start" />
            <button type="submit" className="btn">
              {t("twoFactor.start")}
            </button>
          </Form>
        ) : null}
        {!status.enabled && status.pending ? (
          <div>
            <p>{t("twoFactor.scan")}</p>
            {qr ? <img src={qr} alt={t("twoFactor.qrAlt")} width={220} height={220} className="my-3" /> : null}
            <p>
              {t("twoFactor.secret")}: <code data-testid="totp-secret">{status.pending.secret}</code>
            </p>
            <Form method="post" noValidate className="mt-3">
              <input type="hidden" name="intent" value="confirm" />
              <TextField name="code" label={t("twoFactor.code")} autoComplete="one-time-code" inputMode="numeric" required />
              <button type="submit" className="btn">
                {t("twoFactor.confirm")}
              </button>
            </Form>
          </div>
        ) : null}
        {status.enabled ? (
          <Form method="post" noValidate className="mt-3">
            <input type="hidden" name="intent" value="disable" />
            <TextField name="password" type="password" label={t("twoFactor.disable.password")} autoComplete="current-password" required />
            <button type="submit" className="btn-secondary">
              {t("twoFactor.disable")}
            </button>
          </Form>
        ) : null}
      </section>
    </div>
  );
}
