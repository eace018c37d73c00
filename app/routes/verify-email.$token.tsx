// Opening the link shows a button; only the POST uses the token (mail scanners that follow links use nothing).
// The token is in the path: server/redact.mjs keeps it out of the request log.
import { redirect, type ActionFunctionArgs, type HeadersFunction, type MetaFunction } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { z } from "zod";
import { FormErrors } from "~/components/forms";
import { PageHeading } from "~/components/layout";
import { titleMeta } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import { db } from "~/lib/db.server";
import { formFailure, parseForm, refusalReply } from "~/lib/forms.server";
import { getOptionalUser } from "~/lib/guards.server";
import { nowIso } from "~/lib/time";
import { verifyEmailAddress } from "~/mail/accounts.server";
import { verifyRefusals } from "~/mail/refusals";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "email.verify.title");
export const headers: HeadersFunction = () => ({ "Referrer-Policy": "no-referrer", "Cache-Control": "no-store" });

export async function loader() {
  return null;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = await parseForm(request, z.object({}));
  if (!form.ok) return formFailure(form.submission);
  const user = await getOptionalUser(request);
  const result = await verifyEmailAddress(db, {
    token: String(params.token ?? ""),
    actor: { userId: user?.id ?? null, ip: context?.clientIp ?? "unknown" },
    now: nowIso(),
  });
  if (!result.ok) return refusalReply(form.submission, result, verifyRefusals);
  return redirect(`${user ? "/account/email" : "/login"}?notice=notice.mail.emailVerified`);
}

export default function VerifyEmail() {
  const t = useT();
  return (
    <div className="mx-auto max-w-md">
      <PageHeading lead={t("email.verify.lead")}>{t("email.verify.title")}</PageHeading>
      <Form method="post" className="card">
        <FormErrors />
        <button type="submit" className="btn w-full">
          {t("email.verify.submit")}
        </button>
      </Form>
    </div>
  );
}
