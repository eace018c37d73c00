// Public addresses of certificates. PUBLIC_ORIGIN wins (what is printed must not depend on how staff reached us).
import { env } from "~/lib/env.server";

export function publicOriginFor(request: Request): string {
  return env.publicOrigin || new URL(request.url).origin;
}

export function verificationUrl(origin: string, code: string): string {
  return `${origin}/verify/${code}`;
}
