// /guardians/link/:token: a guardian follows the single-use link a student e-mailed or a teacher printed. Signed in
// as a guardian: one button links. Anonymous: create a guardian account here (the only way to sign up as a
// guardian), or log in and come back. The token is kept out of the request log (server/redact.mjs) and referrers.
import { redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { hashPassword } from "~/auth/password.server";
import { startSession } from "~/auth/lucia.server";
import { FormErrors, TextField } from "~/components/forms";
import { PageHeading } from "~/components/layout";
import { acceptGuardianInvitation, describeInvitation, signUpGuardian } from "~/guardians/links.server";
import { guardianSignupRefusals, linkRefusals } from "~/guardians/refusals";
import { guardianLinkSchema } from "~/guardians/schemas";
import { resolveLocale } from "~/i18n/locale.server";
import { titleMeta } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import { db } from "~/lib/db.server";
import { formFailure, parseForm, refusalReply } from "~/lib/forms.server";
import { getOptionalUser } from "~/lib/guards.server";
import { nowIso } from "~/lib/time";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "guardians.link.title");
export const headers: HeadersFunction = () => ({ "Referrer-Policy": "no-referrer", "Cache-Control": "no-store" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  const token = String(params.token ?? "");
  const invitation = await describeInvitation(db, { token, now: nowIso() });
  return {
    studentName: invitation?.studentName ?? null,
    who: !user ? ("anonymous" as const) : user.role === "guardian" ? ("guardian" as const) : ("other" as const),
    loginTo: `/login?redirectTo=${encodeURIComponent(new URL(request.url).pathname)}`,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await getOptionalUser(request);
  const form = await parseForm(request, guardianLinkSchema);
  if (!form.ok) return formFailure(form.submission);
  const token = String(params.token ?? "");
  const ip = context?.clientIp ?? "unknown";
  if (form.value.intent === "link") {
    if (!user) throw redirect(`/login?redirectTo=${encodeURIComponent(new URL(request.url).pathname)}`);
    const r = await acceptGuardianInvitation(db, { token, user, ip, now: nowIso() });
    if (!r.ok) return refusalReply(form.submission, r, linkRefusals);
    throw redirect("/guardian?notice=notice.guardians.linked");
  }
  if (user) return refusalReply(form.submission, { ok: false, reason: "guardiansOnly" }, linkRefusals);
  // Argon2 before the transaction (it holds SQLite's one connection).
  const passwordHash = await hashPassword(form.value.password);
  const r = await signUpGuardian(db, {
    token,
    fullName: form.value.fullName,
    email: form.value.email,
    passwordHash,
    locale: form.value.locale ?? (await resolveLocale(request, null)),
    ip,
    now: nowIso(),
  });
  if (!r.ok) return refusalReply(form.submission, r, guardianSignupRefusals);
  throw redirect("/guardian?notice=notice.guardians.linked", { headers: { "Set-Cookie": await startSession(r.value.userId) } });
}

export default function GuardianLink() {
  const t = useT();
  const { studentName, who, loginTo } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-md space-y-6">
      <PageHeading lead={studentName ? t("guardians.link.lead", { name: studentName }) : undefined}>{t("guardians.link.title")}</PageHeading>
      <FormErrors />
      {!studentName ? (
        <p className="card">{t("guardians.link.dead")}</p>
      ) : who === "guardian" ? (
        <Form method="post" className="card">
          <input type="hidden" name="intent" value="link" />
          <button type="submit" className="btn w-full">
            {t("guardians.link.confirm", { name: studentName })}
          </button>
        </Form>
      ) : who === "other" ? (
        <p className="card">{t("guardians.link.otherRole")}</p>
      ) : (
        <>
          <Form method="post" className="card" noValidate>
            <h2 className="mb-3">{t("guardians.link.newAccount")}</h2>
            <input type="hidden" name="intent" value="signup" />
            <TextField name="fullName" label={t("auth.signup.fullName")} autoComplete="name" required />
            <TextField name="email" type="email" label={t("auth.signup.email")} autoComplete="email" required />
            <TextField name="password" type="password" label={t("auth.signup.password")} hint={t("auth.signup.passwordHint")} autoComplete="new-password" required />
            <button type="submit" className="btn w-full">
              {t("guardians.link.create")}
            </button>
          </Form>
          <p className="card">
            {t("guardians.link.haveAccount")} <Link to={loginTo}>{t("guardians.link.login")}</Link>
          </p>
        </>
      )}
    </div>
  );
}
