import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/lib/guards.server";
import { joinClassWithCode, lookupJoinCode } from "~/classes/join.server";
import { PageHeading } from "~/components/layout";
import { useT } from "~/i18n/react";
import { db } from "~/lib/db.server";
import { parseForm } from "~/lib/forms.server";
import { z } from "zod";

// Opening the link only shows the class; joining is the POST of the confirm button (never a side effect of GET).
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  if (user.role !== "student") return data({ found: null, error: "join.errors.notStudent" as const }, { status: 403 });
  const r = await lookupJoinCode(db, { code: String(params.code ?? "").slice(0, 40), userId: user.id, ip: context?.clientIp ?? "unknown" });
  if (!r.ok) {
    return r.error === "throttled"
      ? data({ found: null, error: "join.errors.throttled" as const }, { status: 429 })
      : data({ found: null, error: "join.errors.invalid" as const }, { status: 404 });
  }
  return { found: { className: r.className, schoolName: r.schoolName, teacherName: r.teacherName }, error: null };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  // The confirm button sends no fields; the body is still read so an unexpected upload never drops the connection.
  await parseForm(request, z.object({}));
  if (user.role !== "student") return data({ error: "join.errors.notStudent" as const }, { status: 403 });
  const r = await joinClassWithCode(db, { code: String(params.code ?? "").slice(0, 40), userId: user.id, ip: context?.clientIp ?? "unknown" });
  if (!r.ok) return data({ error: r.error === "throttled" ? ("join.errors.throttled" as const) : ("join.errors.invalid" as const) }, { status: r.error === "throttled" ? 429 : 400 });
  throw redirect(`/classes/joined?notice=${r.added ? "notice.join.joined" : "notice.join.already"}`);
}

export default function JoinWithLink() {
  const t = useT();
  const { found, error } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const shownError = result?.error ?? error;
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
