// One-click unsubscribe from optional mail: the button here, or the mail provider's POST (RFC 8058,
// List-Unsubscribe-Post). No login needed: the token (in the path, redacted from the request log) is the proof.
import { data, type ActionFunctionArgs, type HeadersFunction, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { z } from "zod";
import { FormErrors, Notice } from "~/components/forms";
import { PageHeading } from "~/components/layout";
import { titleMeta } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import { db } from "~/lib/db.server";
import { formFailure, parseForm, refusalReply } from "~/lib/forms.server";
import { nowIso } from "~/lib/time";
import { unsubscribe } from "~/mail/accounts.server";
import { unsubscribeRefusals } from "~/mail/refusals";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "unsubscribe.title");
export const headers: HeadersFunction = () => ({ "Referrer-Policy": "no-referrer", "Cache-Control": "no-store" });

export async function loader() {
  return null;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await parseForm(request, z.object({}));
  if (!form.ok) return formFailure(form.submission);
  const list = new URL(request.url).searchParams.get("list") === "digest" ? "digest" : undefined;
  const result = await unsubscribe(db, { token: String(params.token ?? ""), list, now: nowIso() });
  if (!result.ok) return refusalReply(form.submission, result, unsubscribeRefusals);
  return data({ done: list === "digest" ? ("unsubscribe.doneDigest" as const) : ("unsubscribe.done" as const) });
}

export default function Unsubscribe() {
  const t = useT();
  const result = useActionData<typeof action>();
  const done = result && "done" in result ? result.done : null;
  return (
    <div className="mx-auto max-w-md">
      <PageHeading lead={done ? undefined : t("unsubscribe.lead")}>{t("unsubscribe.title")}</PageHeading>
      {done ? (
        <Notice>{t(done)}</Notice>
      ) : (
        <Form method="post" className="card">
          <FormErrors />
          <button type="submit" className="btn w-full">
            {t("unsubscribe.submit")}
          </button>
        </Form>
      )}
      <p className="mt-4">
        <Link to="/account/email">{t("mail.common.preferences")}</Link>
      </p>
    </div>
  );
}
