// Point 9 of issue 19: the home page lists the next few open sessions, soonest first, with seats left.
import { describe, expect, it } from "vitest";
import { localeCookie } from "~/i18n/locale.server";
import { loader as homeLoader } from "~/routes/_index";
import { callLoader, makeRequest } from "../helpers/http";
import { createWorkshop } from "../helpers/workshops";

describe("home page", () => {
  it("shows the next sessions (soonest first, seats left, English titles in English), never past or draft ones", async () => {
    const later = await createWorkshop({ startDays: 9, session: { capacity: 5 } });
    const sooner = await createWorkshop({ startDays: 2, session: { capacity: 3 } });
    await createWorkshop({ startDays: 1, program: { status: "draft" } });
    await createWorkshop({ startDays: -3 });
    const vi = await callLoader(homeLoader, await makeRequest("/"));
    const mine = vi.data.next.filter((s: { slug: string }) => [later.slug, sooner.slug].includes(s.slug));
    expect(mine.map((s: { slug: string; seatsLeft: number }) => [s.slug, s.seatsLeft])).toEqual([
      [sooner.slug, 3],
      [later.slug, 5],
    ]);
    expect(vi.data.next.every((s: { startsAt: string }) => s.startsAt > new Date().toISOString())).toBe(true);
    const en = await callLoader(homeLoader, await makeRequest("/", { headers: { Cookie: (await localeCookie.serialize("en")).split(";")[0] } }));
    expect(en.data.next.find((s: { slug: string }) => s.slug === sooner.slug)?.title).toMatch(/^Test workshop/);
  });
});
