// Demo data of the certificates capability (its issue fills this in). Deterministic: no randomness without a fixed seed.
import type { SeedContext } from "./context";

export async function seedCertificates(_ctx: SeedContext): Promise<void> {}
