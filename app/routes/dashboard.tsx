import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/lib/guards.server";
import { CertificatesPanel } from "~/components/dashboard/CertificatesPanel";
import { ClassesPanel } from "~/components/dashboard/ClassesPanel";
import { CoursesPanel } from "~/components/dashboard/CoursesPanel";
import { ToursPanel } from "~/components/dashboard/ToursPanel";
import { WorkshopsPanel } from "~/components/dashboard/WorkshopsPanel";
import { Notice } from "~/components/forms";
import { PageHeading } from "~/components/layout";
import { getMailSettings } from "~/mail/accounts.server";
import { loadCertificatesDashboard } from "~/certificates/dashboard.server";
import { loadClassesDashboard } from "~/classes/dashboard.server";
import { loadCoursesDashboard } from "~/courses/dashboard.server";
import { useT } from "~/i18n/react";
import { db } from "~/lib/db.server";
import { nowIso } from "~/lib/time";
import { loadToursDashboard } from "~/tours/dashboard.server";
import { loadWorkshopsDashboard } from "~/workshops/dashboard.server";

// Role-aware: each capability decides what this user sees from it.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [courses, workshops, classes, tours, certificates, mail] = await Promise.all([
    loadCoursesDashboard(db, user),
    loadWorkshopsDashboard(db, user, nowIso()),
    loadClassesDashboard(db, user, { locale: user.locale, now: nowIso() }),
    loadToursDashboard(db, user, nowIso()),
    loadCertificatesDashboard(db, user),
    getMailSettings(db, user.id),
  ]);
  // An address not confirmed yet: a banner with the way to confirm it (README, E-mail).
  const unverifiedEmail = Boolean(mail?.email && !mail.verified);
  return { name: user.fullName, role: user.role, courses, workshops, classes, tours, certificates, unverifiedEmail };
}

export default function Dashboard() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const empty = !d.courses && !d.workshops && !d.classes && !d.tours && !d.certificates;
  return (
    <div>
      <PageHeading lead={t(`dashboard.lead.${d.role}`)}>{t("dashboard.title", { name: d.name })}</PageHeading>
      {d.unverifiedEmail ? (
        <Notice kind="info">
          {t("email.banner")} <Link to="/account/email" className="underline">{t("email.banner.resend")}</Link>
        </Notice>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-2">
        <CoursesPanel data={d.courses} />
        <WorkshopsPanel data={d.workshops} />
        <ClassesPanel data={d.classes} />
        <ToursPanel data={d.tours} />
        <CertificatesPanel data={d.certificates} />
      </div>
      {empty ? (
        <section className="card">
          <p>{t("dashboard.empty")}</p>
          <p className="mt-3">
            <Link to="/catalog" className="btn">
              {t("dashboard.explore")}
            </Link>
          </p>
        </section>
      ) : null}
    </div>
  );
}
