// Public addresses of certificates (the origin comes from siteOrigin in ~/lib/env.server).
export function verificationUrl(origin: string, code: string): string {
  return `${origin}/verify/${code}`;
}
