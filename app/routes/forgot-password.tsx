import { data, type ActionFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { FormErrors, Notice, TextField } from "~/components/forms";
import { PageHeading } from "~/components/layout";
import { titleMeta } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import { db } from "~/lib/db.server";
import { formFailure, parseForm, refusalReply } from "~/lib/forms.server";
import { nowIso } from "~/lib/time";
import { requestPasswordReset } from "~/mail/accounts.server";
import { resetRequestRefusals } from "~/mail/refusals";
import { forgotPasswordSchema } from "~/mail/schemas";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "reset.request.title");

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await parseForm(request, forgotPasswordSchema);
  if (!form.ok) return formFailure(form.submission);
  const result = await requestPasswordReset(db, { email: form.value.email, actor: { userId: null, ip: context?.clientIp ?? "unknown" }, now: nowIso() });
  if (!result.ok) return refusalReply(form.submission, result, resetRequestRefusals);
  // The same answer whether or not the address has an account.
  return data({ sent: true as const });
}

export default function ForgotPassword() {
  const t = useT();
  const result = useActionData<typeof action>();
  const sent = result && "sent" in result;
  return (
    <div className="mx-auto max-w-md">
      <PageHeading lead={t("reset.request.lead")}>{t("reset.request.title")}</PageHeading>
      {sent ? <Notice>{t("reset.request.sent")}</Notice> : null}
      <Form method="post" className="card" noValidate>
        <FormErrors />
        <TextField name="email" type="email" label={t("reset.request.email")} autoComplete="email" required />
        <button type="submit" className="btn w-full">
          {t("reset.request.submit")}
        </button>
      </Form>
      <p className="mt-4 text-sm">{t("reset.request.noEmail")}</p>
      <p className="mt-2">
        <Link to="/login">{t("auth.login.title")}</Link>
      </p>
    </div>
  );
}
