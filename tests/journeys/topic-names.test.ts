// Issue 19 point 9: topics have English names (migration 0017); English pages show them, and fall back to the
// Vietnamese text marked lang="vi" when there is none; staff edit them beside the topics, by position.
import { describe, expect, it } from "vitest";
import { getProgramTopicsEn, topicLabels, topicsFromForm, updateProgram } from "~/catalog/programs.server";
import { listCatalogTopics, searchCatalog } from "~/catalog/search.server";
import { localeCookie } from "~/i18n/locale.server";
import { db } from "~/lib/db.server";
import { nowIso } from "~/lib/time";
import { loader as workshopLoader } from "~/routes/workshops.$slug";
import { callLoader, makeRequest } from "../helpers/http";
import { createWorkshop } from "../helpers/workshops";

const unique = () => Math.random().toString(36).slice(2, 8);

describe("English topic names", () => {
  it("English when there is one, else the Vietnamese text marked vi; Vietnamese readers always see Vietnamese", async () => {
    const a = `lập trình ${unique()}`;
    const b = `khởi nghiệp ${unique()}`;
    const w = await createWorkshop({ program: { topics: [a, b], topicsEn: ["coding", ""], status: "published" } });
    expect(await topicLabels(db, [a, b], "en")).toEqual([
      { topic: a, label: "coding", lang: "en" },
      { topic: b, label: b, lang: "vi" },
    ]);
    expect(await topicLabels(db, [a, b], "vi")).toEqual([
      { topic: a, label: a, lang: "vi" },
      { topic: b, label: b, lang: "vi" },
    ]);

    // The catalogue's cards and filter, and the workshop page, use them.
    const slug = (await db.selectFrom("programs").select("slug").where("id", "=", w.programId).executeTakeFirstOrThrow()).slug;
    const found = await searchCatalog(db, { topic: a, page: 1 } as never, { locale: "en", now: nowIso() });
    // Sorted by the Vietnamese text, as before.
    expect(found.items.find((i) => i.slug === slug)?.topics).toEqual([
      { topic: b, label: b, lang: "vi" },
      { topic: a, label: "coding", lang: "en" },
    ]);
    expect((await listCatalogTopics(db, "en")).find((t) => t.topic === a)).toEqual({ topic: a, label: "coding", lang: "en" });
    const page = await callLoader(workshopLoader, await makeRequest(`/workshops/${slug}`, { cookie: (await localeCookie.serialize("en")).split(";")[0] }), { slug });
    expect(page.status).toBe(200);
    expect(JSON.stringify(page.data)).toContain('"label":"coding"');

    // Staff edit by position: a blank place keeps the English name, a new one replaces it.
    expect(await getProgramTopicsEn(db, w.programId)).toBe(", coding");
    await updateProgram(db, w.programId, { kind: "workshop", slug, titleVi: "Lại", ...topicsFromForm(`${a}, ${b}`, ` , startups`) });
    expect(await topicLabels(db, [a, b], "en")).toEqual([
      { topic: a, label: "coding", lang: "en" },
      { topic: b, label: "startups", lang: "en" },
    ]);
  });

  it("the form's comma lists pair by position and skip empty topics", () => {
    expect(topicsFromForm("a, , b,c", "A, X, B")).toEqual({ topics: ["a", "b", "c"], topicsEn: ["A", "B", ""] });
    expect(topicsFromForm("", "x")).toEqual({ topics: [], topicsEn: [] });
    expect(topicsFromForm(undefined, undefined)).toEqual({ topics: [], topicsEn: [] });
  });
});

describe("English topic names in the staff insights", () => {
  it("the topic filter's choices carry the English names, and the label falls back to the Vietnamese topic", async () => {
    const { loadChoices } = await import("~/insights/insights.server");
    const { topicLabel } = await import("~/insights/tables");
    const a = `robot ${unique()}`;
    const b = `thiên văn ${unique()}`;
    await createWorkshop({ program: { topics: [a, b], topicsEn: ["robotics", ""], status: "published" } });
    const choices = await loadChoices(db);
    expect(choices.topics).toEqual(expect.arrayContaining([a, b]));
    expect(choices.topicNamesEn[a]).toBe("robotics");
    expect(choices.topicNamesEn[b]).toBeUndefined();
    expect(topicLabel(a, choices.topicNamesEn[a], "en")).toBe("robotics");
    expect(topicLabel(b, choices.topicNamesEn[b], "en")).toBe(b);
    expect(topicLabel(a, choices.topicNamesEn[a], "vi")).toBe(a);
  });
});
