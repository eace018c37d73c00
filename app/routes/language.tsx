import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { getOptionalUser, safeRedirectPath } from "~/lib/guards.server";
import { setUserLocale } from "~/auth/users.server";
import { localeCookie } from "~/i18n/locale.server";
import { db } from "~/lib/db.server";
import { parseForm } from "~/lib/forms.server";
import { badRequest } from "~/lib/http.server";
import { nowIso } from "~/lib/time";

const schema = z.object({ locale: z.enum(["vi", "en"]), redirectTo: z.string().max(1000).optional() });

export async function loader() {
  return redirect("/");
}

/** Remembered in a cookie, and on the account when signed in. */
export async function action({ request }: ActionFunctionArgs) {
  const form = await parseForm(request, schema);
  if (!form.ok) throw badRequest();
  const user = await getOptionalUser(request);
  if (user) await setUserLocale(db, user.id, { locale: form.value.locale, now: nowIso() });
  return redirect(safeRedirectPath(form.value.redirectTo, "/"), {
    headers: { "Set-Cookie": await localeCookie.serialize(form.value.locale) },
  });
}
