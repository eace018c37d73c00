// Demo data of the courses capability (its issue fills this in). Deterministic: no randomness without a fixed seed.
import type { SeedContext } from "./context";

export async function seedCourses(_ctx: SeedContext): Promise<void> {}
