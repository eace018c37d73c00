import { createCookie } from "@remix-run/node";
import { isSecureOrigin } from "~/lib/env.server";
import { DEFAULT_LOCALE, isLocale, type Locale } from "./index";

export const localeCookie = createCookie("stemhub_lang", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  secure: isSecureOrigin(),
  maxAge: 365 * 24 * 3600,
});

/** The signed-in user's language, else the cookie, else Vietnamese. */
export async function resolveLocale(request: Request, user?: { locale: Locale } | null): Promise<Locale> {
  if (user) return user.locale;
  const value = await localeCookie.parse(request.headers.get("Cookie"));
  return isLocale(value) ? value : DEFAULT_LOCALE;
}
