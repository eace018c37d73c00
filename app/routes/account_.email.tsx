// /account/email: the address and whether it is confirmed (send the link again), and the switch for optional
// mail (confirmations, reminders); the link in every optional message (List-Unsubscribe) leads here.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CheckboxField, FormErrors, Notice, TextField } from "~/components/forms";
import { PageHeading } from "~/components/layout";
import { titleMeta } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import { db } from "~/lib/db.server";
import { formFailure, parseForm, refusalReply } from "~/lib/forms.server";
import { requireUser } from "~/lib/guards.server";
import { ensureFound } from "~/lib/http.server";
import { nowIso } from "~/lib/time";
import { getMailSettings, resendVerification, setMailPreferences } from "~/mail/accounts.server";
import { pendingEmailChange, requestEmailChange } from "~/mail/email-change.server";
import { emailChangeRefusals, resendRefusals } from "~/mail/refusals";
import { mailSettingsSchema } from "~/mail/schemas";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "mailPrefs.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { settings: ensureFound(await getMailSettings(db, user.id)), pending: await pendingEmailChange(db, { userId: user.id, now: nowIso() }) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await parseForm(request, mailSettingsSchema);
  if (!form.ok) return formFailure(form.submission);
  if (form.value.intent === "resend") {
    const r = await resendVerification(db, { userId: user.id, now: nowIso() });
    if (!r.ok) return refusalReply(form.submission, r, resendRefusals);
    return data({ done: "email.verify.sent" as const });
  }
  if (form.value.intent === "change") {
    const r = await requestEmailChange(db, {
      userId: user.id,
      newEmail: form.value.newEmail,
      currentPassword: form.value.currentPassword,
      actor: { userId: user.id, ip: context?.clientIp ?? "unknown" },
      now: nowIso(),
    });
    if (!r.ok) return refusalReply(form.submission, r, emailChangeRefusals);
    return data({ done: "email.change.sent" as const });
  }
  await setMailPreferences(db, {
    userId: user.id,
    optional: form.value.optional === "on",
    digest: user.role === "staff" || user.role === "admin" ? form.value.digest === "on" : undefined,
    now: nowIso(),
  });
  return data({ done: "mailPrefs.saved" as const });
}

export default function MailSettings() {
  const t = useT();
  const { settings, pending } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const done = result && "done" in result ? result.done : null;
  return (
    <div className="mx-auto max-w-xl space-y-8">
      <PageHeading>{t("mailPrefs.title")}</PageHeading>
      {done ? <Notice>{t(done)}</Notice> : null}
      <FormErrors />
      {settings.email ? (
        <section aria-labelledby="address" className="card">
          <h2 id="address" className="mb-2">
            {t("mailPrefs.address")}
          </h2>
          <p>
            {settings.email} · <strong>{settings.verified ? t("email.verified") : t("email.unverified")}</strong>
          </p>
          {!settings.verified ? (
            <Form method="post" className="mt-3">
              <input type="hidden" name="intent" value="resend" />
              <button type="submit" className="btn-secondary">
                {t("email.banner.resend")}
              </button>
            </Form>
          ) : null}
        </section>
      ) : (
        <p>{t("mailPrefs.noAddress")}</p>
      )}
      <section aria-labelledby="change-heading" id="change" className="card">
        <h2 id="change-heading" className="mb-2">
          {t("email.change.heading")}
        </h2>
        <p className="mb-3 text-sm text-slate-600">{t("email.change.lead")}</p>
        {pending ? <p className="mb-3">{t("email.change.pending", { email: pending })}</p> : null}
        <Form method="post">
          <input type="hidden" name="intent" value="change" />
          <TextField name="newEmail" type="email" autoComplete="email" label={t("email.change.newEmail")} required maxLength={254} />
          <TextField name="currentPassword" type="password" autoComplete="current-password" label={t("email.change.password")} required />
          <button type="submit" className="btn-secondary">
            {t("email.change.submit")}
          </button>
        </Form>
      </section>
      <section aria-labelledby="mail-heading" id="mail" className="card">
        <h2 id="mail-heading" className="mb-2">
          {t("mailPrefs.heading")}
        </h2>
        <Form method="post">
          <input type="hidden" name="intent" value="preferences" />
          <CheckboxField name="optional" label={t("mailPrefs.optional")} defaultChecked={settings.optional} />
          {settings.digest !== null ? <CheckboxField name="digest" label={t("mailPrefs.digest")} defaultChecked={settings.digest} /> : null}
          <p className="mb-3 text-sm text-slate-600">{t("mailPrefs.hint")}</p>
          <button type="submit" className="btn">
            {t("mailPrefs.save")}
          </button>
        </Form>
      </section>
      <p>
        <Link to="/account">{t("account.title")}</Link>
      </p>
    </div>
  );
}
