// The cookie of the half-signed-in state between a right password and the second-factor code: an opaque token
// (only its SHA-256 is stored, in login_challenges), HttpOnly, five minutes, sent only to /login.
import { createCookie } from "@remix-run/node";
import { isSecureOrigin } from "./env.server";

export const challengeCookie = createCookie("stemhub_2fa", {
  httpOnly: true,
  sameSite: "lax",
  path: "/login",
  secure: isSecureOrigin(),
  maxAge: 5 * 60,
});

export async function readChallengeToken(request: Request): Promise<string | null> {
  const value = await challengeCookie.parse(request.headers.get("Cookie"));
  return typeof value === "string" ? value : null;
}
