import { describe, expect, it } from "vitest";
import { csvResponse, toCsv } from "~/lib/csv.server";

describe("CSV export", () => {
  it("starts with a BOM, quotes what needs quoting and defuses formulas", () => {
    const csv = toCsv(["Họ và tên", "Điểm"], [["Nguyễn Thị Phương Thảo", 95], ['Trần "Tí", Đức', -3], ["=HYPERLINK(\"http://x\")", null], ["@SUM(A1)", "+1"]]);
    expect(csv.startsWith("\uFEFFHọ và tên,Điểm\r\n")).toBe(true);
    const lines = csv.slice(1).split("\r\n");
    expect(lines[1]).toBe("Nguyễn Thị Phương Thảo,95");
    expect(lines[2]).toBe('"Trần ""Tí"", Đức",-3');
    expect(lines[3]).toBe(`"'=HYPERLINK(""http://x"")",`);
    expect(lines[4]).toBe("'@SUM(A1),'+1");
  });

  it("is served as an attachment with a UTF-8 file name", () => {
    const res = csvResponse("danh-sách.csv", toCsv(["a"], []));
    expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("Content-Disposition")).toContain("filename*=UTF-8''danh-s%C3%A1ch.csv");
  });
});
