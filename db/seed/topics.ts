// English names of the demo topics (issue 19, migration 0017). "khởi nghiệp" is left without one on purpose: the
// English catalogue shows it in Vietnamese, marked lang="vi" (the fallback a demo should show).
import type { Kysely } from "kysely";
import type { Database } from "../schema";

export const DEMO_TOPIC_NAMES: Record<string, string> = {
  "lập trình": "coding",
  "điện tử": "electronics",
  robotics: "robotics",
  "in 3d": "3D printing",
  "thiết kế": "design",
  "khoa học": "science",
  "kỹ thuật": "engineering",
  iot: "IoT",
  python: "Python",
  arduino: "Arduino",
  "đổi mới sáng tạo": "innovation",
  "fab lab": "fab lab",
  "an toàn": "safety",
};

export async function seedTopicNames(db: Kysely<Database>): Promise<void> {
  const used = await db.selectFrom("program_topics").select("topic").distinct().execute();
  const rows = used.map((r) => ({ topic: r.topic, name_en: DEMO_TOPIC_NAMES[r.topic] ?? null }));
  if (rows.length === 0) return;
  await db
    .insertInto("topics")
    .values(rows)
    .onConflict((oc) => oc.column("topic").doUpdateSet((eb) => ({ name_en: eb.fn.coalesce(eb.ref("excluded.name_en"), eb.ref("topics.name_en")) })))
    .execute();
}
