// The confirm step of a destructive action that works without JavaScript (issue 19): the page shows what will happen,
// the POST carries `confirm=yes` (actions refuse the final POST without it), and "no" goes back to the same page.
import { Form, Link, useLocation } from "@remix-run/react";
import { useT } from "~/i18n/react";

export function ConfirmActions({
  intent,
  fields,
  submitLabel,
  keepScroll = false,
}: {
  intent: string;
  /** The hidden fields that name the object (e.g. { registrationId: 12 }). */
  fields: Record<string, string | number>;
  submitLabel: string;
  /** Keep the scroll position after the POST (lists whose result is announced in place, e.g. the roster). */
  keepScroll?: boolean;
}) {
  const t = useT();
  const { pathname } = useLocation();
  return (
    <div className="flex flex-wrap gap-3">
      <Form method="post" action={pathname} preventScrollReset={keepScroll}>
        <input type="hidden" name="intent" value={intent} />
        {Object.entries(fields).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <input type="hidden" name="confirm" value="yes" />
        <button type="submit" className="btn-danger">
          {submitLabel}
        </button>
      </Form>
      <Link to={pathname} className="btn-secondary" preventScrollReset>
        {t("confirm.no")}
      </Link>
    </div>
  );
}
