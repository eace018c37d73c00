import { deleteExpiredSessions } from "~/auth/lucia.server";
import { fillMissingNameKeys } from "~/auth/users.server";
import { refreshInsightSummaries } from "~/insights/insights.server";
import { DEMO_ACCOUNT_EMAILS, seedDemoDataIfEmpty } from "#db/seed/index";
import { db } from "./db.server";
import { env, isSecureOrigin } from "./env.server";
import { migrateToLatest } from "./migrate.server";
import { hasConfiguredSecretKey } from "./secret-box.server";
import { pruneThrottles } from "./throttle.server";
import { nowIso } from "./time";

export async function prepareDatabase(log: (line: string) => void = console.log): Promise<void> {
  const applied = await migrateToLatest(db);
  log(applied.length ? `migrations applied: ${applied.join(", ")}` : "database schema up to date");
  await deleteExpiredSessions();
  const keyed = await fillMissingNameKeys(db);
  if (keyed) log(`name sort keys filled for ${keyed} users`);
  await pruneThrottles(db, nowIso());
  if (!env.seedDemoData) {
    log("demo data disabled (SEED_DEMO_DATA=false)");
  } else if (isSecureOrigin() && !env.seedDemoDataExplicit) {
    // A public https site is a real deployment: accounts with a published password are never loaded by default.
    log(`demo data NOT loaded: PUBLIC_ORIGIN is ${env.publicOrigin}; set SEED_DEMO_DATA=true explicitly to load it anyway`);
  } else {
    const seeded = await seedDemoDataIfEmpty(db);
    log(seeded ? "demo data loaded into the empty database" : "database already has data: demo data not loaded");
  }
  const summariesMs = await refreshInsightSummaries(db);
  if (summariesMs > 1000) log(`insights summaries brought up to date in ${(summariesMs / 1000).toFixed(1)} s`);
  await warnAboutDemoAccounts(log);
  // The certificate signing key is encrypted with a secret from the environment; the development default is public.
  if (isSecureOrigin() && env.credentialKeySecretIsDefault) {
    log(
      "WARNING: CREDENTIAL_KEY_SECRET is not set: the certificate signing key is encrypted with the public development " +
        "default. Set a long random secret before issuing real certificates (README, Verifiable certificates).",
    );
  }
  // Two-step secrets are encrypted with a key from the environment; the development default is public.
  if (isSecureOrigin() && !hasConfiguredSecretKey()) {
    log(
      "WARNING: TOTP_ENCRYPTION_KEY is not set: two-step sign-in secrets are encrypted with the public development key. " +
        "Set it to a long random value (README, Configuration) and keep it: changing it makes enrolled authenticators stop working.",
    );
  }
}

/** Demo accounts share a published password: say so loudly at every start while any of them exists. */
async function warnAboutDemoAccounts(log: (line: string) => void): Promise<void> {
  const demo = await db.selectFrom("users").select("email").where("email", "in", DEMO_ACCOUNT_EMAILS).execute();
  if (demo.length === 0) return;
  log(
    `WARNING: ${demo.length} demo accounts with the published password exist (${demo.map((d) => d.email).slice(0, 3).join(", ")}, …). ` +
      "Delete them or change their passwords before real use (README, Demo accounts).",
  );
}
