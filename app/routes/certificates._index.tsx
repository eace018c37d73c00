import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { listMyCertificates, teacherClassCertificateSummary } from "~/certificates/queries.server";
import { pageSchema } from "~/certificates/schemas";
import { ShareLink } from "~/components/certificates/ShareLink";
import { CertificateStatusBadge } from "~/components/certificates/StatusBadge";
import { TeacherClassCertificates } from "~/components/certificates/TeacherClassCertificates";
import { PageHeading } from "~/components/layout";
import { resolveLocale } from "~/i18n/locale.server";
import { useFormat, useT } from "~/i18n/react";
import { db } from "~/lib/db.server";
import { siteOrigin } from "~/lib/env.server";
import { parseParam } from "~/lib/forms.server";
import { isStaff, requireUser } from "~/lib/guards.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  // Staff hold no certificates; theirs is the management page.
  if (isStaff(user)) throw redirect("/staff/certificates");
  const page = parseParam(pageSchema, new URL(request.url).searchParams.get("page") ?? 1);
  const locale = await resolveLocale(request, user);
  const [mine, classes] = await Promise.all([
    listMyCertificates(db, { userId: user.id, page, origin: siteOrigin(request), locale }),
    user.role === "teacher" ? teacherClassCertificateSummary(db, user.id, locale) : Promise.resolve([]),
  ]);
  return { page, hasMore: mine.hasMore, role: user.role, items: mine.items, classes };
}

export default function MyCertificates() {
  const t = useT();
  const f = useFormat();
  const { items, page, hasMore, role, classes } = useLoaderData<typeof loader>();
  return (
    <div>
      {role === "teacher" ? (
        <>
          <PageHeading lead={t("certificates.teacher.lead")}>{t("certificates.teacher.title")}</PageHeading>
          <TeacherClassCertificates classes={classes} />
        </>
      ) : (
        <PageHeading lead={t("certificates.lead")}>{t("certificates.title")}</PageHeading>
      )}
      {items.length === 0 ? (
        role === "teacher" ? null : (
          <p className="card">{t("certificates.empty")}</p>
        )
      ) : (
        <ul className="grid gap-4 md:grid-cols-2">
          {items.map((c) => (
            <li key={c.id} className="card" data-testid="certificate-item">
              <div className="flex flex-wrap items-center gap-2 text-sm text-slate-600">
                <span>{t(`certificates.kind.${c.kind}`)}</span>
                <CertificateStatusBadge status={c.status} />
              </div>
              <h2 className="mt-1">{c.title}</h2>
              <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 text-sm">
                <dt className="font-semibold">{t("certificates.serial")}</dt>
                <dd>{c.serial}</dd>
                <dt className="font-semibold">{t("certificates.issuedOn")}</dt>
                <dd>{f.date(c.issuedAt)}</dd>
              </dl>
              <div className="mt-3 flex flex-wrap gap-3">
                <Link to={`/certificates/${c.id}`} className="btn-secondary">
                  {t("certificates.view")}
                </Link>
                <a href={`/certificates/${c.id}.pdf`} className="btn">
                  {t("certificates.downloadPdf")}
                </a>
              </div>
              {c.status === "valid" ? <ShareLink id={`share-${c.id}`} url={c.verifyUrl} /> : null}
            </li>
          ))}
        </ul>
      )}
      <nav aria-label={t("common.pagination")} className="mt-4 flex gap-4">
        {page > 1 ? <Link to={`?page=${page - 1}`}>{t("common.previous")}</Link> : null}
        {hasMore ? <Link to={`?page=${page + 1}`}>{t("common.next")}</Link> : null}
      </nav>
    </div>
  );
}
