import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useNavigation, useSearchParams } from "@remix-run/react";
import { getOptionalUser, safeRedirectPath } from "~/lib/guards.server";
import { attemptLogin, recordLogin } from "~/auth/login.server";
import { startSession } from "~/auth/lucia.server";
import { createLoginChallenge, isTwoFactorEnabled, twoFactorRequirement } from "~/auth/two-factor.server";
import { getAccount } from "~/auth/users.server";
import { challengeCookie } from "~/lib/two-factor-cookie.server";
import { loginRefusals } from "~/auth/refusals";
import { loginSchema } from "~/auth/schemas";
import { FormErrors, TextField } from "~/components/forms";
import { PageHeading } from "~/components/layout";
import { titleMeta } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import { db } from "~/lib/db.server";
import { formFailure, parseForm, refusalReply } from "~/lib/forms.server";
import { nowIso } from "~/lib/time";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "auth.login.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  if (user) throw redirect(safeRedirectPath(new URL(request.url).searchParams.get("redirectTo")));
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await parseForm(request, loginSchema);
  if (!form.ok) return formFailure(form.submission);
  const ip = context?.clientIp ?? "unknown";
  const now = nowIso();
  const result = await attemptLogin(db, { identifier: form.value.identifier, password: form.value.password, ip, now });
  if (!result.ok) return refusalReply(form.submission, result, loginRefusals);
  const userId = result.value;
  const redirectTo = safeRedirectPath(form.value.redirectTo);
  if (await isTwoFactorEnabled(db, userId)) {
    // No session yet: a short-lived challenge (only its hash is stored) until the code is right.
    const token = await createLoginChallenge(db, { userId, redirectTo, now });
    return redirect("/login/two-factor", { headers: { "Set-Cookie": await challengeCookie.serialize(token) } });
  }
  await recordLogin(db, { userId, ip, method: "password", now });
  const cookie = await startSession(userId);
  const account = await getAccount(db, userId);
  const requirement = account ? await twoFactorRequirement(db, { id: userId, role: account.role }, now) : "none";
  return redirect(requirement === "enrol" ? "/account/two-factor" : redirectTo, { headers: { "Set-Cookie": cookie } });
}

export default function Login() {
  const t = useT();
  const [params] = useSearchParams();
  const redirectTo = params.get("redirectTo") ?? "";
  const busy = useNavigation().state === "submitting";
  return (
    <div className="mx-auto max-w-md">
      <PageHeading>{t("auth.login.title")}</PageHeading>
      <Form method="post" className="card" noValidate>
        <FormErrors />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <TextField name="identifier" label={t("auth.login.identifier")} autoComplete="username" required autoFocus />
        <TextField name="password" type="password" label={t("auth.login.password")} autoComplete="current-password" required />
        <button type="submit" className="btn w-full" disabled={busy}>
          {t("auth.login.submit")}
        </button>
      </Form>
      <p className="mt-4">
        <Link to="/forgot-password">{t("auth.login.forgot")}</Link>
      </p>
      <p className="mt-2">
        {t("auth.login.noAccount")} <Link to={redirectTo ? `/signup?redirectTo=${encodeURIComponent(redirectTo)}` : "/signup"}>{t("nav.signup")}</Link>
      </p>
    </div>
  );
}

