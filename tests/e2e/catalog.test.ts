// Browser, JavaScript off: a visitor narrows the catalogue with its form controls (kind and topic), opens a
// workshop and sees its upcoming sessions with the seats left. Production build, demo data, nothing typed into the
// address bar after the home page.
import SQLite from "better-sqlite3";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clickNav, expectText, launchBrowser, startServer, type TestServer } from "../helpers/e2e";

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Reads the server's demo database (read-only). */
function all<T>(sql: string, ...params: unknown[]): T[] {
  const file = new SQLite(server.databasePath, { readonly: true, fileMustExist: true });
  try {
    return file.prepare(sql).all(...params) as T[];
  } finally {
    file.close();
  }
}

const UPCOMING = "s.status = 'scheduled' and s.ends_at > strftime('%Y-%m-%dT%H:%M:%fZ','now')";

describe("the catalogue without JavaScript", () => {
  it("a visitor filters by kind and topic, opens a workshop and sees its upcoming sessions and seats", async () => {
    // The published workshop with the most upcoming sessions, and one of its topics.
    const [target] = all<{ id: number; slug: string; title: string; topic: string; sessions: number }>(
      `select p.id, p.slug, p.title_vi as title, min(t.topic) as topic,
              (select count(*) from workshop_sessions s where s.program_id = p.id and ${UPCOMING}) as sessions
         from programs p join program_topics t on t.program_id = p.id
        where p.status = 'published' and p.kind = 'workshop'
        group by p.id order by sessions desc, p.id limit 1`,
    );
    expect(target?.sessions, "the demo data has a workshop with upcoming sessions").toBeGreaterThanOrEqual(1);
    // What the filters promise: every published workshop with that topic, and nothing else.
    const expected = all<{ title: string }>(
      "select p.title_vi as title from programs p where p.status = 'published' and p.kind = 'workshop' and exists (select 1 from program_topics t where t.program_id = p.id and t.topic = ?)",
      target!.topic,
    ).map((r) => r.title);
    const published = all<{ n: number }>("select count(*) as n from programs where status = 'published'")[0]!.n;
    expect(expected.length).toBeLessThan(published);
    expect(expected.length, "one page (24)").toBeLessThanOrEqual(24);

    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    await clickNav(page, "Chương trình");
    await expectText(page.getByTestId("catalog-total"), `Tìm thấy ${published} chương trình`, { exact: true });

    const form = page.getByRole("search", { name: "Tìm chương trình" });
    await form.getByLabel("Loại").selectOption({ label: "Workshop" });
    await form.getByLabel("Chủ đề").selectOption({ label: target!.topic });
    await form.getByRole("button", { name: "Tìm kiếm" }).click();
    const url = new URL(page.url());
    expect([url.pathname, url.searchParams.get("kind"), url.searchParams.get("topic")]).toEqual(["/catalog", "workshop", target!.topic]);
    await expectText(page.getByTestId("catalog-total"), `Tìm thấy ${expected.length} chương trình`, { exact: true });
    const cards = page.locator("main ul > li > article");
    const titles = await cards.locator("h2").allTextContents();
    expect(titles.map((t) => t.trim()).sort()).toEqual([...expected].sort());
    // Each card says it is a workshop and lists the chosen topic; the form keeps what was chosen.
    for (const card of await cards.all()) {
      await expectText(card.locator("p .badge").first(), "Workshop", { exact: true });
      await expectText(card.getByRole("list", { name: "Chủ đề" }), target!.topic);
    }
    await expect(form.getByLabel("Loại").inputValue()).resolves.toBe("workshop");
    await expect(form.getByLabel("Chủ đề").inputValue()).resolves.toBe(target!.topic);

    // The workshop's page lists its upcoming sessions, each with the seats left.
    await page.getByRole("link", { name: target!.title, exact: true }).click();
    await page.getByRole("heading", { level: 1, name: target!.title }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/workshops/${target!.slug}`);
    const sessions = all<{ left: number }>(
      `select s.capacity - s.confirmed_count as "left" from workshop_sessions s where s.program_id = ? and ${UPCOMING} order by s.starts_at`,
      target!.id,
    );
    const shown = page.locator('article[data-testid^="session-"]');
    await expect(shown.count()).resolves.toBe(sessions.length);
    for (const [i, s] of sessions.entries()) {
      await expectText(shown.nth(i).getByTestId("seats"), s.left > 0 ? `Còn ${s.left} chỗ` : "Đã đầy — vào danh sách chờ", { exact: true });
    }
    await context.close();
  });
});
