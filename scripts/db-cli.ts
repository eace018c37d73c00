import fs from "node:fs";
import { parseArgs } from "node:util";
import { z } from "zod";
import { emailSchema, fullNameSchema, newPasswordSchema } from "~/auth/schemas";
import { createUser } from "~/auth/users.server";
import { db } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { migrateToLatest } from "~/lib/migrate.server";
import { seedDemoDataIfEmpty } from "#db/seed/index";

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
      for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(env.databasePath + suffix, { force: true });
      console.log(`removed ${env.databasePath}; run npm start or npm run db:seed to recreate it`);
      return;
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
    default:
      console.error("usage: db-cli migrate | seed | reset | user:create");
      process.exitCode = 2;
  }
  await db.destroy();
}

await main();
