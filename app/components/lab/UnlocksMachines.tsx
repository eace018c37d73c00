// On a course or workshop page: the lab machines whose booking this program's certificate unlocks.
import { Link } from "@remix-run/react";
import { useT } from "~/i18n/react";

export function UnlocksMachines({ machines }: { machines: { slug: string; name: string }[] }) {
  const t = useT();
  if (machines.length === 0) return null;
  return (
    <section aria-labelledby="unlocks-heading" className="card space-y-2" data-testid="unlocks-machines">
      <h2 id="unlocks-heading">{t("lab.unlocks.heading")}</h2>
      <p className="text-sm">{t("lab.unlocks.lead")}</p>
      <ul className="list-disc pl-5">
        {machines.map((m) => (
          <li key={m.slug}>
            <Link to={`/lab/${m.slug}`}>{m.name}</Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
