// The link sent to a NEW address (/account/email → change): opening it shows a button for the signed-in owner
// (visitors log in first and come back); only the POST uses the token, so mail scanners that follow links change
// nothing. The token is in the path: server/redact.mjs keeps it out of the request log.
import { redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { z } from "zod";
import { FormErrors } from "~/components/forms";
import { PageHeading } from "~/components/layout";
import { titleMeta } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import { db } from "~/lib/db.server";
import { formFailure, parseForm, refusalReply } from "~/lib/forms.server";
import { requireUser } from "~/lib/guards.server";
import { nowIso } from "~/lib/time";
import { confirmEmailChange } from "~/mail/email-change.server";
import { emailChangeTokenRefusals } from "~/mail/refusals";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "email.change.confirmTitle");
export const headers: HeadersFunction = () => ({ "Referrer-Policy": "no-referrer", "Cache-Control": "no-store" });

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return null;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await parseForm(request, z.object({}));
  if (!form.ok) return formFailure(form.submission);
  const result = await confirmEmailChange(db, {
    token: String(params.token ?? ""),
    userId: user.id,
    actor: { userId: user.id, ip: context?.clientIp ?? "unknown" },
    now: nowIso(),
  });
  if (!result.ok) return refusalReply(form.submission, result, emailChangeTokenRefusals);
  return redirect("/account/email?notice=notice.mail.emailChanged");
}

export default function ConfirmEmailChange() {
  const t = useT();
  return (
    <div className="mx-auto max-w-md">
      <PageHeading lead={t("email.change.confirmLead")}>{t("email.change.confirmTitle")}</PageHeading>
      <Form method="post" className="card">
        <FormErrors />
        <button type="submit" className="btn w-full">
          {t("email.change.confirmSubmit")}
        </button>
      </Form>
    </div>
  );
}
