// The tabs of a class's pages (overview, students, accounts, enrol, progress), plain links.
import { Link, NavLink } from "@remix-run/react";
import { useT } from "~/i18n/react";

export function ClassHeader({
  cls,
  canManage,
  staff = false,
}: {
  cls: { id: number; name: string; schoolName: string; schoolYear: string; archivedAt: string | null };
  canManage: boolean;
  /** Centre staff see the enrol tab as the staff override (registering past the workshop rules). */
  staff?: boolean;
}) {
  const t = useT();
  const base = `/classes/${cls.id}`;
  const tabs = [
    { to: base, label: t("classes.nav.overview"), end: true },
    { to: `${base}/members`, label: t("classes.nav.members") },
    ...(canManage ? [{ to: `${base}/accounts/bulk`, label: t("classes.nav.accounts") }, { to: `${base}/enrol`, label: t("classes.nav.enrol") }, { to: `${base}/guardians`, label: t("classes.nav.guardians") }, { to: `${base}/cards`, label: t("classes.nav.cards") }] : []),
    ...(staff ? [{ to: `${base}/enrol`, label: t("classes.nav.override") }] : []),
    { to: `${base}/progress`, label: t("classes.nav.progress") },
  ];
  return (
    <div className="no-print mb-6">
      <p className="mb-1 text-sm">
        <Link to="/classes">{t("classes.nav.all")}</Link>
      </p>
      <h1>
        {cls.name} {cls.archivedAt ? <span className="badge badge-neutral align-middle">{t("classes.archivedBadge")}</span> : null}
      </h1>
      <p className="mt-1 text-slate-700">{t("classes.details.summary", { school: cls.schoolName, year: cls.schoolYear })}</p>
      <nav aria-label={t("classes.nav.label")} className="mt-4 border-b border-slate-200">
        <ul className="flex flex-wrap gap-x-5 gap-y-1">
          {tabs.map((tab) => (
            <li key={tab.to}>
              <NavLink
                to={tab.to}
                end={tab.end}
                className={({ isActive }) => `inline-block py-2 ${isActive ? "border-b-2 border-accent font-semibold" : "text-slate-800"}`}
              >
                {tab.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
    </div>
  );
}
