import { describe, expect, it } from "vitest";
import { createTranslator } from "~/i18n";
import { compareVietnameseNames, formatDate, formatDateTime, formatMoney, formatTime } from "~/i18n/format";
import { catalogues } from "~/i18n/messages";

describe("message catalogues", () => {
  it("have the same keys in Vietnamese and English, none empty", () => {
    const vi = Object.keys(catalogues.vi).sort();
    const en = Object.keys(catalogues.en).sort();
    expect(en.filter((k) => !vi.includes(k))).toEqual([]);
    expect(vi.filter((k) => !en.includes(k))).toEqual([]);
    for (const [lang, cat] of Object.entries(catalogues)) {
      for (const [k, v] of Object.entries(cat as Record<string, string>)) {
        expect(v.trim(), `${lang}:${k}`).not.toBe("");
      }
    }
  });

  it("use the same placeholders in both languages", () => {
    const names = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort().join(",");
    for (const key of Object.keys(catalogues.vi) as (keyof typeof catalogues.vi)[]) {
      const en = (catalogues.en as Record<string, string>)[key];
      expect(names(en), key).toBe(names(catalogues.vi[key]));
    }
  });

  it("translates with parameters, in each language", () => {
    expect(createTranslator("vi")("dashboard.title", { name: "Thảo" })).toBe("Xin chào, Thảo!");
    expect(createTranslator("en")("dashboard.title", { name: "Thảo" })).toBe("Hello, Thảo!");
  });
});

describe("formats", () => {
  const iso = "2026-11-28T01:30:00.000Z"; // 08:30 in Vietnam
  it("formats dates and times in Asia/Ho_Chi_Minh, 24-hour", () => {
    expect(formatDate("vi", iso)).toBe("28/11/2026");
    expect(formatTime("vi", iso)).toBe("08:30");
    expect(formatDateTime("vi", iso)).toBe("28/11/2026 08:30");
    expect(formatDateTime("en", iso)).toBe("28 Nov 2026, 08:30");
    expect(formatDate("vi", "2026-11-27T17:30:00.000Z")).toBe("28/11/2026");
  });

  it("formats money as VND without decimals", () => {
    expect(formatMoney("vi", 150000).replace(/\s/g, " ")).toBe("150.000 ₫");
    expect(formatMoney("en", 0).replace(/\s/g, " ")).toBe("0 ₫");
  });

  it("sorts Vietnamese names by given name with Vietnamese collation", () => {
    const names = ["Nguyễn Văn Bình", "Trần Thị Ánh", "Lê Đức An", "Phạm Minh Đức", "Võ Thị Anh"];
    expect([...names].sort(compareVietnameseNames)).toEqual([
      "Lê Đức An",
      "Võ Thị Anh",
      "Trần Thị Ánh",
      "Nguyễn Văn Bình",
      "Phạm Minh Đức",
    ]);
  });
});
