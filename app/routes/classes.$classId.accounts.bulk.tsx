import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { isApprovedAtSchool } from "~/classes/access.server";
import { createAccountsFromList, rosterSource } from "~/classes/bulk.server";
import { buildCardsData, NO_STORE } from "~/classes/cards.server";
import { requireClassFromRoute } from "~/classes/route-guard.server";
import { siteOrigin } from "~/lib/env.server";
import { bulkAccountsSchema } from "~/classes/schemas";
import { MAX_FILE_BYTES } from "~/classes/roster-import.server";
import { BulkReportView } from "~/components/classes/BulkReport";
import { ClassHeader } from "~/components/classes/ClassNav";
import { LoginCards } from "~/components/classes/LoginCards";
import { CheckboxField, FormErrors, SelectField, TextAreaField } from "~/components/forms";
import { useT } from "~/i18n/react";
import { db } from "~/lib/db.server";
import { formFailure, parseFormData } from "~/lib/forms.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, cls, canManage } = await requireClassFromRoute(request, params, "manage");
  return { cls, canManage, approved: await isApprovedAtSchool(db, user.id, cls.school_id) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, cls } = await requireClassFromRoute(request, params, "manage");
  // Accounts are minted only by teachers their school has vouched for.
  const approved = await isApprovedAtSchool(db, user.id, cls.school_id);
  const declared = Number(request.headers.get("Content-Length") ?? 0);
  let formData: FormData;
  try {
    if (declared > MAX_FILE_BYTES * 2) throw new Error("too large");
    formData = await request.formData();
  } catch {
    formData = new FormData();
    formData.set("names", "");
    const form = parseFormData(formData, bulkAccountsSchema);
    return formFailure(form.submission, { formErrors: [declared > MAX_FILE_BYTES * 2 ? "classes.bulk.errors.fileTooLarge" : "classes.bulk.errors.unreadable"], status: declared > MAX_FILE_BYTES * 2 ? 413 : 400 });
  }
  const file = formData.get("file");
  formData.delete("file");
  const form = parseFormData(formData, bulkAccountsSchema);
  if (!form.ok) return formFailure(form.submission);
  if (!approved) return formFailure(form.submission, { formErrors: ["classes.bulk.notApproved"], status: 403 });
  if (cls.archived_at) return formFailure(form.submission, { formErrors: ["classes.bulk.archived"], status: 409 });
  const source = await rosterSource(file, form.value.names);
  if (!source.ok) return formFailure(form.submission, { formErrors: [`classes.bulk.errors.${source.error}`] });
  const outcome = await createAccountsFromList(db, {
    classId: cls.id,
    teacherId: user.id,
    grade: cls.grade,
    text: source.text,
    skipInvalid: form.value.skipInvalid ?? false,
  });
  if (!outcome.ok) {
    const reply = form.submission.reply({ formErrors: [`classes.bulk.errors.${outcome.error}`] });
    return data({ submission: reply, report: outcome.report }, { status: 400 });
  }
  const cards = buildCardsData(outcome.cards, { site: siteOrigin(request), className: cls.name, locale: form.value.cardLocale });
  return data({ cards, report: outcome.report }, { headers: NO_STORE });
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
          {report && report.refused.length ? <BulkReportView report={report} /> : null}
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
