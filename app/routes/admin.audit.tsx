// The security event log for staff and administrators: who did what, when and from where (ASVS 16).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { listAuditActions, listAuditEvents } from "~/auth/audit-log.server";
import { PageHeading, Pagination } from "~/components/layout";
import { titleMeta } from "~/i18n/meta";
import { useFormat, useT } from "~/i18n/react";
import { db } from "~/lib/db.server";
import { parseParam } from "~/lib/forms.server";
import { requireStaff } from "~/lib/guards.server";
import { dateSchema, pageSchema } from "~/lib/schemas";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "audit.title");

const day = dateSchema.optional().catch(undefined);
const querySchema = z.object({
  actor: z.string().trim().max(254).optional().catch(undefined),
  action: z.string().trim().regex(/^[a-zA-Z.]{1,64}$/).optional().catch(undefined),
  from: day,
  to: day,
  page: pageSchema,
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const blankToUndefined = (v: string | undefined) => (v ? v : undefined);
  const query = parseParam(querySchema, {
    ...params,
    actor: blankToUndefined(params.actor),
    action: blankToUndefined(params.action),
    from: blankToUndefined(params.from),
    to: blankToUndefined(params.to),
  });
  const [list, actions] = await Promise.all([listAuditEvents(db, query), listAuditActions(db)]);
  return { ...list, actions, query };
}

export default function AuditLog() {
  const t = useT();
  const f = useFormat();
  const { rows, total, pages, actions, query, unknownActor } = useLoaderData<typeof loader>();
  return (
    <div>
      <PageHeading lead={t("audit.total", { count: total })}>{t("audit.title")}</PageHeading>
      <Form key={JSON.stringify(query)} method="get" className="mb-6 flex flex-wrap items-end gap-3" role="search">
        <div className="field min-w-64 flex-1">
          <label htmlFor="actor">{t("audit.filter.actor")}</label>
          <input id="actor" name="actor" type="search" defaultValue={query.actor ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="action">{t("audit.filter.action")}</label>
          <select id="action" name="action" defaultValue={query.action ?? ""}>
            <option value="">{t("audit.filter.allActions")}</option>
            {actions.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="from">{t("audit.filter.from")}</label>
          <input id="from" name="from" type="date" defaultValue={query.from ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="to">{t("audit.filter.to")}</label>
          <input id="to" name="to" type="date" defaultValue={query.to ?? ""} />
        </div>
        <button type="submit" className="btn mb-4">
          {t("common.search")}
        </button>
      </Form>
      {unknownActor ? (
        <p className="alert alert-error" role="alert">
          {t("audit.unknownActor")}
        </p>
      ) : null}
      <div className="overflow-x-auto">
        <table>
          <caption className="sr-only">{t("audit.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("audit.col.when")}</th>
              <th scope="col">{t("audit.col.action")}</th>
              <th scope="col">{t("audit.col.actor")}</th>
              <th scope="col">{t("audit.col.subject")}</th>
              <th scope="col">{t("audit.col.ip")}</th>
              <th scope="col">{t("audit.col.details")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td className="whitespace-nowrap">{f.dateTime(r.occurredAt)}</td>
                <td>
                  <code>{r.action}</code>
                </td>
                <td>{r.actorName ? `${r.actorName} (${r.actorLogin ?? "—"})` : t("audit.anonymous")}</td>
                <td>{r.subject ?? "—"}</td>
                <td>{r.ip || "—"}</td>
                <td className="text-sm">{r.details || "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.length === 0 && !unknownActor ? <p>{t("audit.empty")}</p> : null}
      <Pagination page={query.page} pages={pages} />
    </div>
  );
}
