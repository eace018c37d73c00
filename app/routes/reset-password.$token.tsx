// The token is in the path (no JavaScript needed); server/redact.mjs keeps it out of the request log, the page
// asks browsers not to send it on (Referrer-Policy: no-referrer) and it is used only by the POST.
import { redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { hashPassword } from "~/auth/password.server";
import { startSession } from "~/auth/lucia.server";
import { FormErrors, Notice, TextField } from "~/components/forms";
import { PageHeading } from "~/components/layout";
import { titleMeta } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import { db } from "~/lib/db.server";
import { formFailure, parseForm, refusalReply } from "~/lib/forms.server";
import { nowIso } from "~/lib/time";
import { resetPassword } from "~/mail/accounts.server";
import { tokenRefusals } from "~/mail/refusals";
import { resetPasswordSchema } from "~/mail/schemas";
import { isEmailTokenUsable } from "~/mail/tokens.server";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "reset.form.title");
export const headers: HeadersFunction = () => ({ "Referrer-Policy": "no-referrer", "Cache-Control": "no-store" });

export async function loader({ params }: LoaderFunctionArgs) {
  const usable = await isEmailTokenUsable(db, { token: String(params.token ?? ""), purpose: "reset", now: nowIso() });
  return { usable };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = await parseForm(request, resetPasswordSchema);
  if (!form.ok) return formFailure(form.submission);
  // Argon2 before the transaction (it holds SQLite's one connection).
  const passwordHash = await hashPassword(form.value.password);
  const result = await resetPassword(db, {
    token: String(params.token ?? ""),
    passwordHash,
    actor: { userId: null, ip: context?.clientIp ?? "unknown" },
    now: nowIso(),
  });
  if (!result.ok) return refusalReply(form.submission, result, tokenRefusals);
  return redirect("/dashboard?notice=notice.mail.passwordReset", { headers: { "Set-Cookie": await startSession(result.value) } });
}

export default function ResetPassword() {
  const t = useT();
  const { usable } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-md">
      <PageHeading>{t("reset.form.title")}</PageHeading>
      {usable ? (
        <Form method="post" className="card" noValidate>
          <FormErrors />
          <TextField
            name="password"
            type="password"
            label={t("reset.form.password")}
            hint={t("auth.signup.passwordHint")}
            autoComplete="new-password"
            required
          />
          <button type="submit" className="btn w-full">
            {t("reset.form.submit")}
          </button>
        </Form>
      ) : (
        <>
          <Notice kind="error">{t("reset.invalid")}</Notice>
          <p className="mt-4">
            <Link to="/forgot-password">{t("reset.invalid.again")}</Link>
          </p>
        </>
      )}
    </div>
  );
}
