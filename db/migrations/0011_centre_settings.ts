// Frozen once released: Kysely<any>, no imports from app/. Times are ISO-8601 UTC text.
// The centre's own details in one row (id 1): how to reach it (phone, Zalo, e-mail, address, opening hours, a map
// link), what students bring to a workshop, and the bank-transfer details for paid workshops. Admin edits them;
// the footer, booking and confirmation pages, .ics files and "contact the centre" messages read them.
import { type ColumnDefinitionBuilder, type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  const text = () => (c: ColumnDefinitionBuilder) => c.notNull().defaultTo("");
  await db.schema
    .createTable("centre_settings")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("name_vi", "text", text())
    .addColumn("name_en", "text", text())
    .addColumn("phone", "text", text())
    .addColumn("zalo", "text", text())
    .addColumn("email", "text", text())
    .addColumn("address_vi", "text", text())
    .addColumn("address_en", "text", text())
    .addColumn("hours_vi", "text", text())
    .addColumn("hours_en", "text", text())
    .addColumn("map_url", "text", text())
    .addColumn("bring_vi", "text", text())
    .addColumn("bring_en", "text", text())
    .addColumn("bank_name", "text", text())
    .addColumn("bank_account", "text", text())
    .addColumn("bank_holder", "text", text())
    .addColumn("updated_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addCheckConstraint("centre_settings_one_row", sql`id = 1`)
    .execute();
  await db.insertInto("centre_settings").values({ id: 1, updated_at: "1970-01-01T00:00:00.000Z" }).execute();
}
