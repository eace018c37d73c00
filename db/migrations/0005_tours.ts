// Reserved for its issue; fill in before the first release, then freeze.
import type { Kysely } from "kysely";

export async function up(_db: Kysely<any>): Promise<void> {}

export async function down(): Promise<void> {}
