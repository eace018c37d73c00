import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { joinClassWithCode, lookupJoinCode } from "~/classes/join.server";
import { joinLinkRefusals, joinRefusals } from "~/classes/refusals";
import { useFormReply } from "~/components/forms";
import { PageHeading } from "~/components/layout";
import { toMessageKey } from "~/i18n";
import { useT } from "~/i18n/react";
import { db } from "~/lib/db.server";
import { parseForm, refusalReply } from "~/lib/forms.server";
import { requireUser } from "~/lib/guards.server";
import { nowIso } from "~/lib/time";

// Opening the link only shows the class; joining is the POST of the confirm button (never a side effect of GET).
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const r = await lookupJoinCode(db, { code: String(params.code ?? "").slice(0, 40), user, ip: context?.clientIp ?? "unknown", now: nowIso() });
  if (!r.ok) {
    // Not a form: the page itself answers with the refusal's status and message.
    const rule = joinLinkRefusals[r.reason];
    return data({ found: null, error: rule.key }, { status: rule.status });
  }
  const { className, schoolName, teacherName } = r.value;
  return { found: { className, schoolName, teacherName }, error: null };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  // The confirm button sends no fields; the body is still read so an unexpected upload never drops the connection.
  const form = await parseForm(request, z.object({}));
  const r = await joinClassWithCode(db, { code: String(params.code ?? "").slice(0, 40), user, ip: context?.clientIp ?? "unknown", now: nowIso() });
  if (!r.ok) return refusalReply(form.submission, r, joinRefusals);
  throw redirect(`/classes/joined?notice=${r.value.added ? "notice.join.joined" : "notice.join.already"}`);
}

export default function JoinWithLink() {
  const t = useT();
  const { found, error } = useLoaderData<typeof loader>();
  // A refused confirm (the code was switched off meanwhile, too many attempts): its message replaces the button.
  const replyError = Object.values(useFormReply()?.error ?? {}).flat().find((e): e is string => !!e);
  const shownError = replyError ? toMessageKey(replyError) : error;
  return (
    <div className="mx-auto max-w-md">
      {found && !shownError ? (
        <>
          <PageHeading lead={t("join.confirm.lead", { teacher: found.teacherName, school: found.schoolName })}>
            {t("join.confirm.title", { name: found.className })}
          </PageHeading>
          <Form method="post" className="card">
            <button type="submit" className="btn w-full">
              {t("join.confirm.submit")}
            </button>
          </Form>
        </>
      ) : (
        <>
          <PageHeading>{t("join.title")}</PageHeading>
          <p className="alert alert-error" role="alert">
            {t(shownError ?? "join.errors.invalid")}
          </p>
        </>
      )}
      <p className="mt-4">
        <Link to="/join">{t("join.confirm.other")}</Link>
      </p>
    </div>
  );
}
