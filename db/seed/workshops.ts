// Demo data of the workshops capability (its issue fills this in). Deterministic: no randomness without a fixed seed.
import type { SeedContext } from "./context";

export async function seedWorkshops(_ctx: SeedContext): Promise<void> {}
