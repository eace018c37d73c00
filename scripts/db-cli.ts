import fs from "node:fs";
import { parseArgs } from "node:util";
import { z } from "zod";
import { emailSchema, fullNameSchema, newPasswordSchema } from "~/auth/schemas";
import { createUser } from "~/auth/users.server";
import { db, openPostgres, openSqlite, storeKind } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { migrateToLatest } from "~/lib/migrate.server";
import { rotateIssuerKey, verificationKeys, withdrawIssuerKey } from "~/certificates/issuer-keys.server";
import { seedDemoDataIfEmpty } from "#db/seed/index";
import { backupSqlite } from "#db/tools/backup";
import { copySqliteToPostgres } from "#db/tools/copy";

const [command, ...rest] = process.argv.slice(2);

async function migrate() {
  const applied = await migrateToLatest(db);
  console.log(applied.length ? `applied: ${applied.join(", ")}` : "schema up to date");
}

async function main() {
  switch (command) {
    case "migrate":
      await migrate();
      break;
    case "seed": {
      await migrate();
      if (!env.seedDemoData) {
        console.log("demo data is switched off (SEED_DEMO_DATA=false): nothing loaded");
        break;
      }
      const seeded = await seedDemoDataIfEmpty(db);
      console.log(seeded ? "demo data loaded" : "database is not empty: demo data not loaded (use db:reset)");
      break;
    }
    case "reset": {
      await db.destroy();
      if (storeKind !== "sqlite") {
        console.error("db:reset deletes the SQLite file; on PostgreSQL drop and recreate the database yourself");
        process.exitCode = 2;
        return;
      }
      for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(env.databasePath + suffix, { force: true });
      console.log(`removed ${env.databasePath}; run npm start or npm run db:seed to recreate it`);
      return;
    }
    case "copy": {
      // npm run db:copy -- --to postgres://user@host:5432/db [--from ./data/stem-hub.db]
      const { values } = parseArgs({ args: rest, options: { to: { type: "string" }, from: { type: "string" } } });
      if (!values.to || !/^postgres(ql)?:\/\//.test(values.to)) {
        console.error("usage: npm run db:copy -- --to postgres://user@host:5432/database [--from ./data/stem-hub.db]");
        process.exitCode = 2;
        break;
      }
      const from = values.from ?? env.databasePath;
      if (!fs.existsSync(from)) {
        console.error(`db:copy: no SQLite database at ${from}`);
        process.exitCode = 1;
        break;
      }
      const source = openSqlite(from);
      const target = openPostgres(values.to, 2);
      try {
        await migrateToLatest(source);
        await migrateToLatest(target);
        const reports = await copySqliteToPostgres(source, target);
        for (const r of reports) console.log(`${r.verified ? "ok  " : "FAIL"} ${r.table.padEnd(32)} ${String(r.rows).padStart(8)} rows  ${r.checksum.slice(0, 16)}`);
        const bad = reports.filter((r) => !r.verified);
        console.log(bad.length ? `db:copy: ${bad.length} tables differ` : `db:copy: ${reports.length} tables copied and verified`);
        if (bad.length) process.exitCode = 1;
      } catch (e) {
        console.error((e as Error).message);
        process.exitCode = 1;
      } finally {
        await source.destroy();
        await target.destroy();
      }
      break;
    }
    case "backup": {
      // npm run db:backup [-- --to ./backups/stem-hub-2026-11-30.db]
      if (storeKind !== "sqlite") {
        console.error("db:backup copies the SQLite file; on PostgreSQL use pg_dump (README)");
        process.exitCode = 2;
        break;
      }
      const { values } = parseArgs({ args: rest, options: { to: { type: "string" } } });
      const stamp = new Date().toISOString().replace(/[:.]/g, "-");
      const to = values.to ?? `${env.databasePath.replace(/\.db$/, "")}-backup-${stamp}.db`;
      const r = await backupSqlite(env.databasePath, to);
      console.log(`backup written to ${r.file} (${r.bytes} bytes)`);
      break;
    }
    case "user:create": {
      const { values } = parseArgs({
        args: rest,
        options: { email: { type: "string" }, name: { type: "string" }, role: { type: "string", default: "staff" }, password: { type: "string" } },
      });
      const input = z
        .object({ email: emailSchema, name: fullNameSchema, role: z.enum(["staff", "admin"]), password: newPasswordSchema })
        .safeParse({ ...values, password: values.password ?? process.env.STEMHUB_PASSWORD });
      if (!input.success) {
        console.error("usage: npm run user:create -- --email a@b.vn --name \"Họ Tên\" --role staff|admin --password '…' (or STEMHUB_PASSWORD)");
        console.error(input.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("\n"));
        process.exitCode = 2;
        break;
      }
      await migrate();
      const r = await createUser(db, { fullName: input.data.name, email: input.data.email, password: input.data.password, role: input.data.role, now: new Date().toISOString() });
      if (!r.ok) {
        console.error("an account with this email already exists");
        process.exitCode = 1;
      } else console.log(`created ${input.data.role} #${r.value} ${input.data.email}`);
      break;
    }
    case "keys:list": {
      // npm run keys:list — the certificate signing keys a verifier can use (README, Verifiable certificates).
      await migrate();
      for (const k of await verificationKeys(db)) console.log(`${k.keyId}\t${k.state}\t${k.createdAt}\t${k.publicKeyMultibase}`);
      break;
    }
    case "keys:rotate": {
      // npm run keys:rotate — a new signing key; the old one stays in the DID document so its credentials verify.
      await migrate();
      const r = await rotateIssuerKey(db, { actor: { userId: null, ip: "cli" }, now: new Date().toISOString() });
      console.log(`active key: ${r.keyId}${r.previous ? ` (previous ${r.previous} kept for verification)` : ""}`);
      break;
    }
    case "keys:withdraw": {
      // npm run keys:withdraw -- --key key-20261130-abcdef — a leaked, already rotated key leaves the DID document.
      const { values } = parseArgs({ args: rest, options: { key: { type: "string" } } });
      if (!values.key) {
        console.error("usage: npm run keys:withdraw -- --key <key id from keys:list> (rotate first if it is the active key)");
        process.exitCode = 2;
        break;
      }
      await migrate();
      const r = await withdrawIssuerKey(db, { keyId: values.key, actor: { userId: null, ip: "cli" }, now: new Date().toISOString() });
      if (!r.ok) {
        console.error(r.reason === "active" ? "this is the active key: run keys:rotate first" : "no such key");
        process.exitCode = 1;
      } else console.log(`withdrawn: ${values.key}; credentials it signed no longer verify (students download theirs again)`);
      break;
    }
    default:
      console.error("usage: db-cli migrate | seed | reset | copy --to postgres://… | backup [--to file] | user:create | keys:list | keys:rotate | keys:withdraw --key …");
      process.exitCode = 2;
  }
  await db.destroy();
}

await main();
