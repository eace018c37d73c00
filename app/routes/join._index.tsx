import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/lib/guards.server";
import { joinClassWithCode } from "~/classes/join.server";
import { joinRefusals } from "~/classes/refusals";
import { joinSchema } from "~/classes/schemas";
import { FormErrors, TextField } from "~/components/forms";
import { PageHeading } from "~/components/layout";
import { useT } from "~/i18n/react";
import { db } from "~/lib/db.server";
import { formFailure, parseForm, refusalReply } from "~/lib/forms.server";
import { nowIso } from "~/lib/time";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { isStudent: user.role === "student" };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await parseForm(request, joinSchema);
  if (!form.ok) return formFailure(form.submission);
  const r = await joinClassWithCode(db, { code: form.value.code, user, ip: context?.clientIp ?? "unknown", now: nowIso() });
  if (!r.ok) return refusalReply(form.submission, r, joinRefusals);
  throw redirect(`/classes/joined?notice=${r.value.added ? "notice.join.joined" : "notice.join.already"}`);
}

export default function Join() {
  const t = useT();
  const { isStudent } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-md">
      <PageHeading lead={t("join.lead")}>{t("join.title")}</PageHeading>
      {!isStudent ? <p className="alert alert-info">{t("join.errors.notStudent")}</p> : null}
      <Form method="post" className="card" noValidate>
        <FormErrors />
        <TextField
          name="code"
          label={t("join.code")}
          hint={t("join.codeHint")}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          className="font-mono text-2xl uppercase tracking-widest"
          maxLength={40}
          required
        />
        <button type="submit" className="btn w-full">
          {t("join.submit")}
        </button>
      </Form>
    </div>
  );
}
