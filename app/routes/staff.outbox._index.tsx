import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Notice } from "~/components/forms";
import { PageHeading, Pagination } from "~/components/layout";
import { resolveLocale } from "~/i18n/locale.server";
import { useFormat, useT } from "~/i18n/react";
import { db } from "~/lib/db.server";
import { env, siteOrigin } from "~/lib/env.server";
import { parseParam } from "~/lib/forms.server";
import { requireStaff } from "~/lib/guards.server";
import { loadOutboxPage } from "~/mail/outbox.server";
import { OUTBOX_STATUSES, outboxQuerySchema } from "~/mail/schemas";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaff(request);
  const query = parseParam(outboxQuerySchema, Object.fromEntries(new URL(request.url).searchParams));
  const locale = await resolveLocale(request, user);
  const list = await loadOutboxPage(db, { ...query, locale, origin: siteOrigin(request) });
  return { ...list, query, smtpConfigured: Boolean(env.smtpUrl) };
}

export default function StaffOutbox() {
  const t = useT();
  const f = useFormat();
  const { rows, total, pages, query, smtpConfigured } = useLoaderData<typeof loader>();
  return (
    <div>
      <PageHeading lead={t("outbox.lead")}>{t("outbox.title")}</PageHeading>
      {!smtpConfigured ? <Notice kind="info">{t("outbox.noSmtp")}</Notice> : null}
      <Form key={query.status ?? ""} method="get" className="mb-6 flex flex-wrap items-end gap-3">
        <div className="field">
          <label htmlFor="status">{t("outbox.filter")}</label>
          <select id="status" name="status" defaultValue={query.status ?? ""}>
            <option value="">{t("outbox.filterAll")}</option>
            {OUTBOX_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`outbox.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn-secondary">
          {t("outbox.apply")}
        </button>
      </Form>
      {rows.length === 0 ? (
        <p>{t("outbox.empty")}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">{t("outbox.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("outbox.col.created")}</th>
                <th scope="col">{t("outbox.col.to")}</th>
                <th scope="col">{t("outbox.col.subject")}</th>
                <th scope="col">{t("outbox.col.status")}</th>
                <th scope="col">{t("outbox.col.attempts")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} className="border-t border-slate-200">
                  <td>
                    <time dateTime={r.createdAt}>{f.dateTime(r.createdAt)}</time>
                  </td>
                  <td className="break-all">{r.toAddress}</td>
                  <td>
                    <Link to={`/staff/outbox/${r.id}`}>{r.subject}</Link>
                  </td>
                  <td>
                    {t(`outbox.status.${r.status}`)}
                    {r.status === "failed" && r.smtpResponse ? <div className="text-xs text-slate-600">{r.smtpResponse}</div> : null}
                  </td>
                  <td>{r.attempts}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="mt-2 text-sm text-slate-600">{total}</p>
      <Pagination page={query.page} pages={pages} />
    </div>
  );
}
