// Argon2id with the OWASP-recommended minimum (m=19456 KiB, t=2, p=1).
// The native module is loaded with the first password checked, not when the server starts (cold start, issue 17).
const argon2 = () => import("@node-rs/argon2");

const ARGON2ID = 2; // Algorithm.Argon2id (const enums cannot be imported under isolatedModules)
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export async function hashPassword(password: string): Promise<string> {
  return (await argon2()).hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await (await argon2()).verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A hash of nothing anyone can type, verified when the account does not exist so timing reveals nothing. */
let dummyHash: Promise<string> | undefined;
export async function verifyAgainstDummy(password: string): Promise<void> {
  dummyHash ??= hashPassword("dummy-password-that-never-matches-anything");
  await verifyPassword(await dummyHash, password);
}
