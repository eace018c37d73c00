import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PageHeading } from "~/components/layout";
import { createTranslator } from "~/i18n";
import { resolveLocale } from "~/i18n/locale.server";
import { useT } from "~/i18n/react";
import { listEquipment } from "~/lab/resources.server";
import { db } from "~/lib/db.server";
import { getOptionalUser } from "~/lib/guards.server";

// The equipment list (public): what the lab has and which training unlocks each machine.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  const locale = await resolveLocale(request, user);
  return { equipment: await listEquipment(db, locale), signedIn: !!user, title: createTranslator(locale)("lab.title") };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? "Fab lab"} · STEM Hub` }];

export default function LabIndex() {
  const t = useT();
  const { equipment, signedIn } = useLoaderData<typeof loader>();
  const groups = [
    { kind: "machine" as const, heading: t("lab.machines") },
    { kind: "room" as const, heading: t("lab.rooms") },
  ];
  return (
    <div>
      <PageHeading lead={t("lab.lead")}>{t("lab.title")}</PageHeading>
      {signedIn ? (
        <p className="mb-6">
          <Link to="/lab/bookings">{t("lab.myBookings")}</Link>
        </p>
      ) : null}
      {equipment.length === 0 ? <p>{t("lab.empty")}</p> : null}
      {groups.map((g) => {
        const items = equipment.filter((e) => e.kind === g.kind);
        if (items.length === 0) return null;
        return (
          <section key={g.kind} aria-labelledby={`lab-${g.kind}`} className="mb-8">
            <h2 id={`lab-${g.kind}`} className="mb-3">
              {g.heading}
            </h2>
            <ul className="grid gap-4 md:grid-cols-2 lg:grid-cols-3">
              {items.map((e) => (
                <li key={e.id} className="card space-y-2" data-testid={`equipment-${e.slug}`}>
                  {e.photoUrl ? <img src={e.photoUrl} alt={t("lab.photoAlt", { name: e.name })} className="h-40 w-full rounded object-cover" /> : null}
                  <h3>
                    <Link to={`/lab/${e.slug}`}>{e.name}</Link>
                  </h3>
                  {e.description ? <p className="text-sm">{e.description}</p> : null}
                  <dl className="grid grid-cols-[auto_1fr] gap-x-3 text-sm">
                    {e.location ? (
                      <>
                        <dt className="font-semibold">{t("lab.location")}</dt>
                        <dd>{e.location}</dd>
                      </>
                    ) : null}
                    {e.kind === "room" ? (
                      <>
                        <dt className="font-semibold">{t("lab.capacity")}</dt>
                        <dd>{t("lab.seats", { count: e.capacity })}</dd>
                      </>
                    ) : null}
                    <dt className="font-semibold">{t("lab.unlockedBy")}</dt>
                    <dd>
                      {e.trainings.length === 0
                        ? t("lab.noTraining")
                        : e.trainings.map((p, i) => (
                            <span key={p.path}>
                              {i > 0 ? ", " : ""}
                              <Link to={p.path}>{p.title}</Link>
                            </span>
                          ))}
                    </dd>
                  </dl>
                  {e.minGrade ? <p className="text-sm">{t("lab.minGrade", { grade: e.minGrade })}</p> : null}
                  {e.minAge ? <p className="text-sm">{t("lab.minAge", { age: e.minAge })}</p> : null}
                  <p>
                    <Link className="btn-secondary" to={`/lab/${e.slug}`}>
                      {t("lab.book")}
                    </Link>
                  </p>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
