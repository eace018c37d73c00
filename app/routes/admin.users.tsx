import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { pageSchema } from "~/lib/schemas";
import { requireRole } from "~/lib/guards.server";
import { roleChangeRefusals } from "~/auth/refusals";
import { ROLES, setRoleSchema } from "~/auth/schemas";
import { changeUserRole, getAccount, listUsers } from "~/auth/users.server";
import { FormErrors, Notice } from "~/components/forms";
import { PageHeading, Pagination } from "~/components/layout";
import { useT } from "~/i18n/react";
import { db } from "~/lib/db.server";
import { formFailure, parseForm, parseParam, refusalReply } from "~/lib/forms.server";
import { ensureFound } from "~/lib/http.server";
import { nowIso } from "~/lib/time";

const querySchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  role: z.enum(ROLES).optional().catch(undefined),
  page: pageSchema,
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const query = parseParam(querySchema, { ...params, q: params.q || undefined, role: params.role || undefined });
  const list = await listUsers(db, query);
  return { ...list, query };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const form = await parseForm(request, setRoleSchema);
  if (!form.ok) return formFailure(form.submission);
  const target = ensureFound(await getAccount(db, form.value.userId));
  const changed = await changeUserRole(db, { adminId: admin.id, userId: target.id, role: form.value.role, ip: context?.clientIp ?? "unknown", now: nowIso() });
  if (!changed.ok) return refusalReply(form.submission, changed, roleChangeRefusals);
  return data({ changed: target.fullName });
}

export default function AdminUsers() {
  const t = useT();
  const { rows, total, pages, query } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div>
      <PageHeading lead={t("admin.users.total", { count: total })}>{t("admin.users.title")}</PageHeading>
      {result && "changed" in result ? <Notice>{t("admin.users.roleChanged", { name: result.changed })}</Notice> : null}
      <FormErrors />
      <Form key={JSON.stringify(query)} method="get" className="mb-6 flex flex-wrap items-end gap-3" role="search">
        <div className="field min-w-64 flex-1">
          <label htmlFor="q">{t("admin.users.search")}</label>
          <input id="q" name="q" type="search" defaultValue={query.q ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="role">{t("admin.users.filterRole")}</label>
          <select id="role" name="role" defaultValue={query.role ?? ""}>
            <option value="">{t("admin.users.allRoles")}</option>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn mb-4">
          {t("common.search")}
        </button>
      </Form>
      <div className="overflow-x-auto">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("admin.users.name")}</th>
              <th scope="col">{t("admin.users.login")}</th>
              <th scope="col">{t("admin.users.role")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((u) => (
              <tr key={u.id}>
                <td>{u.fullName}</td>
                <td>{u.email ?? u.username}</td>
                <td>
                  <Form method="post" className="flex flex-wrap items-center gap-2">
                    <input type="hidden" name="userId" value={u.id} />
                    <label className="sr-only" htmlFor={`role-${u.id}`}>
                      {t("admin.users.changeRole")}: {u.fullName}
                    </label>
                    <select id={`role-${u.id}`} name="role" defaultValue={u.role} className="!mt-0 !w-auto">
                      {ROLES.map((r) => (
                        <option key={r} value={r}>
                          {t(`role.${r}`)}
                        </option>
                      ))}
                    </select>
                    <button type="submit" className="btn-secondary">
                      {t("admin.users.save")}
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination page={query.page} pages={pages} />
    </div>
  );
}
