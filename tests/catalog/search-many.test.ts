import { beforeAll, describe, expect, it } from "vitest";
import { catalogQueryFrom } from "~/catalog/schemas";
import { searchCatalog } from "~/catalog/search.server";
import { db } from "~/lib/db.server";
import { nowIso } from "~/lib/time";
import { loader as catalogLoader } from "~/routes/catalog";
import { callLoader, makeRequest } from "../helpers/http";
import { QueryCounter } from "../helpers/query-count";
import { createWorkshop } from "../helpers/workshops";

// Its own file (so its own database): thirty programs would crowd the filter tests in search.test.ts.
const q = (s: string) => catalogQueryFrom(new URL(`http://x/catalog?${s}`));

describe("catalogue search over many programs", () => {
  beforeAll(async () => {
    for (let i = 0; i < 30; i++) {
      await createWorkshop({ startDays: 3 + i, program: { titleVi: `Đếm truy vấn ${i}`, topics: ["đếm", `chủ đề ${i}`] } });
    }
  });

  it("makes a constant number of queries whatever the page size (5 vs 30 programs on the page)", async () => {
    const counts: number[] = [];
    for (const pageSize of [5, 30]) {
      const plugin = new QueryCounter();
      const r = await searchCatalog(db.withPlugin(plugin), q("q=dem%20truy%20van"), { locale: "vi", now: nowIso(), pageSize });
      expect(r.items).toHaveLength(pageSize);
      expect(r.items.every((i) => i.topics.length === 2 && i.nextStart)).toBe(true);
      counts.push(plugin.count);
    }
    expect(counts[0]).toBe(counts[1]);
    expect(counts[0]).toBe(4);
  });

  it("paginates 24 per page with the total", async () => {
    const r = await callLoader(catalogLoader, await makeRequest("/catalog?q=dem&page=2"));
    expect(r.data.total).toBe(30);
    expect(r.data.pages).toBe(2);
    expect(r.data.items).toHaveLength(6);
  });
});
