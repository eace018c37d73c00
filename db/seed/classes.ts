// Demo data of the classes capability (its issue fills this in). Deterministic: no randomness without a fixed seed.
import type { SeedContext } from "./context";

export async function seedClasses(_ctx: SeedContext): Promise<void> {}
