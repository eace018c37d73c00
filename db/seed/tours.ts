// Demo data of the tours capability (its issue fills this in). Deterministic: no randomness without a fixed seed.
import type { SeedContext } from "./context";

export async function seedTours(_ctx: SeedContext): Promise<void> {}
