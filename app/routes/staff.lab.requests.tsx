import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { FormErrors, FormScope, TextField } from "~/components/forms";
import { PageHeading, Pagination } from "~/components/layout";
import { resolveLocale } from "~/i18n/locale.server";
import { useFormat, useT } from "~/i18n/react";
import { decideRefusals } from "~/lab/refusals";
import { decideRoomRequest, listRoomRequests } from "~/lab/requests.server";
import { requestDecisionSchema } from "~/lab/schemas";
import { db } from "~/lib/db.server";
import { formFailure, parseForm, refusalReply } from "~/lib/forms.server";
import { requireStaff } from "~/lib/guards.server";
import { pageSchema } from "~/lib/schemas";
import { nowIso } from "~/lib/time";

const STATUSES = ["requested", "approved", "declined"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaff(request);
  const url = new URL(request.url);
  const status = STATUSES.find((s) => s === url.searchParams.get("status")) ?? "requested";
  const page = pageSchema.parse(url.searchParams.get("page"));
  const list = await listRoomRequests(db, { status, locale: await resolveLocale(request, user), page });
  return { ...list, status, page };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireStaff(request);
  const form = await parseForm(request, requestDecisionSchema);
  if (!form.ok) return formFailure(form.submission);
  const v = form.value;
  const result = await decideRoomRequest(db, { requestId: v.requestId, approve: v.intent === "approve", message: v.message, staffId: user.id, now: nowIso() });
  if (!result.ok) return refusalReply(form.submission, result, decideRefusals);
  return redirect("/staff/lab/requests?notice=notice.lab.decided");
}

export default function RoomRequests() {
  const t = useT();
  const f = useFormat();
  const d = useLoaderData<typeof loader>();
  return (
    <div>
      <PageHeading>{t("lab.requests.heading")}</PageHeading>
      <nav className="mb-4 flex flex-wrap gap-4" aria-label={t("lab.requests.heading")}>
        {STATUSES.map((s) => (
          <Link key={s} to={`?status=${s}`} aria-current={s === d.status ? "page" : undefined}>
            {t(`lab.request.status.${s}`)}
          </Link>
        ))}
      </nav>
      <FormErrors />
      {d.items.length === 0 ? <p>{t("lab.requests.none")}</p> : null}
      <ul className="space-y-3">
        {d.items.map((q) => (
          <li key={q.id} className="card space-y-2" data-testid={`request-${q.id}`}>
            <p>
              <strong>{q.room}</strong> · {f.dateTime(q.startsAt)}–{f.time(q.endsAt)} · {t("lab.requests.attendance", { count: q.attendance })}
            </p>
            <p>{t("lab.requests.by", { name: q.requester, organisation: q.school ? `${q.organisation} (${q.school})` : q.organisation })}</p>
            <p className="text-sm">{q.purpose}</p>
            {q.message ? <p className="text-sm">{q.message}</p> : null}
            {q.status === "requested" ? (
              <FormScope match={{ requestId: q.id }}>
                <Form method="post" className="flex flex-wrap items-end gap-2">
                  <input type="hidden" name="requestId" value={q.id} />
                  <TextField name="message" label={t("lab.requests.message")} maxLength={1000} />
                  <button type="submit" name="intent" value="approve" className="btn">
                    {t("lab.requests.approve")}
                  </button>
                  <button type="submit" name="intent" value="decline" className="btn-secondary">
                    {t("lab.requests.decline")}
                  </button>
                </Form>
              </FormScope>
            ) : null}
          </li>
        ))}
      </ul>
      <Pagination page={d.page} pages={d.hasMore ? d.page + 1 : d.page} />
    </div>
  );
}
