import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { isApprovedAtSchool } from "~/classes/access.server";
import { createAccountsFromList } from "~/classes/bulk.server";
import { buildCardsData, NO_STORE } from "~/classes/cards.server";
import { bulkRefusals } from "~/classes/refusals";
import { MAX_FILE_BYTES } from "~/classes/roster-import.server";
import { bulkAccountsSchema } from "~/classes/schemas";
import { BulkReportView } from "~/components/classes/BulkReport";
import { ClassHeader } from "~/components/classes/ClassNav";
import { LoginCards } from "~/components/classes/LoginCards";
import { CheckboxField, FormErrors, SelectField, TextAreaField } from "~/components/forms";
import { useT } from "~/i18n/react";
import { requireClassAccess } from "~/lib/class-guard.server";
import { db } from "~/lib/db.server";
import { siteOrigin } from "~/lib/env.server";
import { formFailure, parseFormData, refusalReply } from "~/lib/forms.server";
import { refuse } from "~/lib/result";
import { nowIso } from "~/lib/time";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, cls, canManage } = await requireClassAccess(request, params, "manage");
  return { cls, canManage, approved: await isApprovedAtSchool(db, user.id, cls.schoolId) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, cls } = await requireClassAccess(request, params, "manage");
  // A body far above the file limit is not read at all; a body that is not a form cannot be read.
  const declared = Number(request.headers.get("Content-Length") ?? 0);
  let formData: FormData;
  try {
    if (declared > MAX_FILE_BYTES * 2) throw new Error("too large");
    formData = await request.formData();
  } catch {
    const empty = new FormData();
    empty.set("names", "");
    const form = parseFormData(empty, bulkAccountsSchema);
    return refusalReply(form.submission, refuse(declared > MAX_FILE_BYTES * 2 ? "fileTooLarge" : "unreadable"), bulkRefusals);
  }
  const file = formData.get("file");
  formData.delete("file");
  const form = parseFormData(formData, bulkAccountsSchema);
  if (!form.ok) return formFailure(form.submission);
  const { result, report } = await createAccountsFromList(db, {
    cls,
    teacherId: user.id,
    file,
    pasted: form.value.names,
    skipInvalid: form.value.skipInvalid ?? false,
    now: nowIso(),
  });
  if (!result.ok) {
    // The refusal as every form reply, with the report of the list beside it (which lines, and why).
    const reply = refusalReply(form.submission, result, bulkRefusals);
    return data({ ...reply.data, report }, reply.init ?? undefined);
  }
  const cards = await buildCardsData(db, result.value, {
    site: siteOrigin(request),
    className: cls.name,
    locale: form.value.cardLocale,
    actorId: user.id,
    now: nowIso(),
  });
  return data({ cards, report }, { headers: NO_STORE });
}

export default function BulkAccounts() {
  const t = useT();
  const { cls, canManage, approved } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const cards = result && "cards" in result ? result.cards : null;
  const report = result && "report" in result ? result.report : null;
  if (cards) {
    return (
      <div>
        <div className="no-print">
          <ClassHeader cls={cls} canManage={canManage} />
          <p className="alert alert-success" role="status">
            {t("classes.cards.created", { count: cards.cards.length })}
          </p>
          <p className="alert alert-info">{t("classes.cards.lead")}</p>
          {report && (report.refused.length || report.sameName?.length) ? <BulkReportView report={report} /> : null}
        </div>
        <LoginCards data={cards} />
        <p className="no-print mt-6">
          <Link to={`/classes/${cls.id}/members`}>{t("classes.cards.back")}</Link>
        </p>
      </div>
    );
  }
  return (
    <div>
      <ClassHeader cls={cls} canManage={canManage} />
      <h2 className="mb-2">{t("classes.bulk.title", { name: cls.name })}</h2>
      {!approved ? (
        <p className="alert alert-error">{t("classes.bulk.notApproved")}</p>
      ) : (
        <>
          <p className="mb-4 max-w-3xl">{t("classes.bulk.lead")}</p>
          <FormErrors />
          {report ? <BulkReportView report={report} /> : null}
          <Form method="post" encType="multipart/form-data" className="card max-w-3xl" noValidate>
            <TextAreaField name="names" label={t("classes.bulk.names")} hint={t("classes.bulk.namesHint")} rows={10} />
            <div className="field">
              <label htmlFor="roster-file">{t("classes.bulk.file")}</label>
              <p id="roster-file-hint" className="field-hint">
                {t("classes.bulk.fileHint")}
              </p>
              <input id="roster-file" name="file" type="file" accept=".csv,text/csv,text/plain" aria-describedby="roster-file-hint" />
            </div>
            <SelectField
              name="cardLocale"
              label={t("classes.bulk.cardLocale")}
              defaultValue="vi"
              options={[
                { value: "vi", label: t("locale.vi") },
                { value: "en", label: t("locale.en") },
              ]}
            />
            <CheckboxField name="skipInvalid" label={t("classes.bulk.skipInvalid")} />
            <button type="submit" className="btn" disabled={busy}>
              {t("classes.bulk.submit")}
            </button>
          </Form>
        </>
      )}
    </div>
  );
}
