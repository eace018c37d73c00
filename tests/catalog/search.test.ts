import { describe, expect, it } from "vitest";
import { createProgram } from "~/catalog/programs.server";
import { catalogQueryFrom } from "~/catalog/schemas";
import { searchCatalog as searchCatalogAt } from "~/catalog/search.server";
import { db, type DB } from "~/lib/db.server";
import { nowIso } from "~/lib/time";
import { loader as catalogLoader } from "~/routes/catalog";
import { callLoader, makeRequest } from "../helpers/http";
import { createTestSlot, createTestTour } from "../helpers/tours";
import { createWorkshop, inDays } from "../helpers/workshops";


const q = (s: string) => catalogQueryFrom(new URL(`http://x/catalog?${s}`));
/** Searches as a Vietnamese reader now, unless told otherwise. */
const searchCatalog = (database: DB, query: ReturnType<typeof q>, opts: { pageSize?: number; locale?: "vi" | "en" } = {}) =>
  searchCatalogAt(database, query, { locale: opts.locale ?? "vi", now: nowIso(), pageSize: opts.pageSize });

describe("catalogue search", () => {
  it("ignores diacritics and case (đ included) and ranks exact-accent titles first", async () => {
    await createProgram(db, { kind: "workshop", slug: "robot-co-ban", titleVi: "Robot cơ bản", titleEn: "Basic robots", status: "published", topics: ["robotics"] });
    await createProgram(db, { kind: "course", slug: "dien-tu-vui", titleVi: "Điện tử vui", status: "published", topics: ["điện tử"] });
    await createProgram(db, { kind: "workshop", slug: "robot-co-bàn", titleVi: "Robot có bàn xoay", status: "published" });
    await createProgram(db, { kind: "workshop", slug: "nhap", titleVi: "Robot nháp", status: "draft" });
    const plain = await searchCatalog(db, q("q=robot%20co%20ban"));
    expect(plain.items.map((i) => i.title).sort()).toEqual(["Robot có bàn xoay", "Robot cơ bản"]);
    const exact = await searchCatalog(db, q(`q=${encodeURIComponent("Robot có bàn")}`));
    expect(exact.items.map((i) => i.title)).toEqual(["Robot có bàn xoay", "Robot cơ bản"]);
    const exact2 = await searchCatalog(db, q(`q=${encodeURIComponent("Robot cơ bản")}`));
    expect(exact2.items[0].title).toBe("Robot cơ bản");
    expect((await searchCatalog(db, q("q=DIEN%20TU"))).items.map((i) => i.title)).toEqual(["Điện tử vui"]);
    expect((await searchCatalog(db, q(`q=${encodeURIComponent("đIỆN")}`))).items.map((i) => i.href)).toEqual(["/courses/dien-tu-vui"]);
    expect((await searchCatalog(db, q("q=nhap"))).total).toBe(0);
    expect((await searchCatalog(db, q("q=100%25"))).total).toBe(0);
    // Items are views in the reader's language: the English title when there is one, else the Vietnamese.
    const english = await searchCatalog(db, q("q=robot"), { locale: "en" });
    expect(english.items.map((i) => i.title).sort()).toEqual(["Basic robots", "Robot có bàn xoay"]);
    expect(english.items[0]).not.toHaveProperty("title_vi");
  });

  it("filters by kind, topic, grade, free and dates; junk filters are ignored", async () => {
    await createProgram(db, { kind: "tour", slug: "tham-quan-1", titleVi: "Tham quan xưởng", status: "published", feeVnd: 50_000 });
    const soon = await createWorkshop({ startDays: 5, program: { titleVi: "In 3D nhanh", gradeMin: 6, gradeMax: 9, topics: ["in 3d"], feeVnd: 0 } });
    await createWorkshop({ startDays: 40, program: { titleVi: "IoT nhà thông minh", gradeMin: 10, gradeMax: 12, feeVnd: 100_000 } });
    expect((await searchCatalog(db, q("kind=tour"))).items.map((i) => i.slug)).toEqual(["tham-quan-1"]);
    expect((await searchCatalog(db, q("topic=in%203d"))).items.map((i) => i.slug)).toEqual([soon.slug]);
    const grade7 = (await searchCatalog(db, q("grade=7&kind=workshop"))).items.map((i) => i.title);
    expect(grade7).toContain("In 3D nhanh");
    expect(grade7).not.toContain("IoT nhà thông minh");
    const free = (await searchCatalog(db, q("free=1&kind=workshop"))).items.map((i) => i.title);
    expect(free).toContain("In 3D nhanh");
    expect(free).not.toContain("IoT nhà thông minh");
    const from = inDays(3).slice(0, 10);
    const to = inDays(8).slice(0, 10);
    const dated = await searchCatalog(db, q(`from=${from}&to=${to}`));
    expect(dated.items.map((i) => i.title)).toEqual(["In 3D nhanh"]);
    expect(dated.items[0].nextStart).not.toBeNull();
    // Tours count by their time slots.
    const tour = await createTestTour({ slug: "tham-quan-co-khung-gio", titleVi: "Tham quan có khung giờ" });
    await createTestSlot(tour.id, { daysAhead: 6 });
    const withTour = await searchCatalog(db, q(`from=${from}&to=${to}`));
    expect(withTour.items.map((i) => i.title).sort()).toEqual(["In 3D nhanh", "Tham quan có khung giờ"]);
    expect((await searchCatalog(db, q(`from=${inDays(20).slice(0, 10)}&to=${inDays(25).slice(0, 10)}&kind=tour`))).total).toBe(0);
    const junk = await callLoader(catalogLoader, await makeRequest("/catalog?kind=spaceship&grade=abc&page=-3&from=yesterday"));
    expect(junk.status).toBe(200);
    expect(junk.data.query).toMatchObject({ page: 1 });
    expect(junk.data.query.kind).toBeUndefined();
  });
});
