import { describe, expect, it } from "vitest";
import { decodeUtf8, MAX_ROWS, parseRosterText } from "~/classes/roster-import.server";

const opts = { currentYear: 2026 };

describe("reading a list of names", () => {
  it("reads pasted names with optional birth years, skipping empty lines", () => {
    const r = parseRosterText("Nguyễn Thị Phương Thảo, 2012\n\n  Trần Đức Việt  \nLê Văn An;2013\n", opts);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.accepted).toEqual([
      { line: 1, fullName: "Nguyễn Thị Phương Thảo", birthYear: 2012 },
      { line: 3, fullName: "Trần Đức Việt", birthYear: null },
      { line: 4, fullName: "Lê Văn An", birthYear: 2013 },
    ]);
    expect(r.value.emptyLines).toContain(2);
    expect(r.value.refused).toEqual([]);
  });

  it("skips a header line, warns about repeated names (both kept), reports bad years, bad names and extra columns with their lines", () => {
    const text = [
      "Họ và tên,Năm sinh",
      "Nguyễn Văn An,2012",
      "Nguyễn Văn An,2012",
      "Nguyễn Văn An,2013",
      "Phạm Bình,20xx",
      "Võ Cường,1850",
      "an@example.com",
      "Lê Dũng,2012,8A1",
      "12345",
    ].join("\r\n");
    const r = parseRosterText(text, opts);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.headerLine).toBe(1);
    // Two students with the same name (and year) are common: both are kept, the second with a warning.
    expect(r.value.accepted.map((a) => a.line)).toEqual([2, 3, 4]);
    expect(r.value.sameName).toEqual([{ line: 3, otherLine: 2, text: "Nguyễn Văn An, 2012" }]);
    expect(r.value.refused.map((x) => [x.line, x.reason])).toEqual([
      [5, "invalidBirthYear"],
      [6, "invalidBirthYear"],
      [7, "invalidName"],
      [8, "tooManyColumns"],
      [9, "invalidName"],
    ]);
  });

  it("refuses a file with the wrong columns as a whole", () => {
    expect(parseRosterText("STT,Họ và tên\n1,Nguyễn Văn An", opts)).toEqual({ ok: false, reason: "wrongColumns" });
    expect(parseRosterText("Họ và tên,Email\nNguyễn Văn An,an@x.vn", opts)).toEqual({ ok: false, reason: "wrongColumns" });
    expect(parseRosterText("email\nan@x.vn", opts)).toEqual({ ok: false, reason: "wrongColumns" });
  });

  it("refuses more than 1000 rows, and an empty list", () => {
    const many = Array.from({ length: MAX_ROWS + 1 }, (_, i) => `Học sinh Số ${String.fromCharCode(97 + (i % 26))}`).join("\n");
    expect(parseRosterText(many, opts)).toEqual({ ok: false, reason: "tooManyRows" });
    expect(parseRosterText("\n\n  \n", opts)).toEqual({ ok: false, reason: "noRows" });
    const exactly = Array.from({ length: MAX_ROWS }, (_, i) => `Học sinh ${i.toString(36).replace(/\d/g, (d) => "abcdefghij"[Number(d)])}`).join("\n");
    const ok = parseRosterText(exactly, opts);
    expect(ok.ok).toBe(true);
  });

  it("refuses non-UTF-8 bytes and strips a UTF-8 BOM", () => {
    // "Thảo" in Windows-1258 is not valid UTF-8.
    expect(decodeUtf8(new Uint8Array([0x54, 0x68, 0xe1, 0xd2, 0x6f]))).toBeNull();
    const bom = decodeUtf8(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode("Họ và tên\nTrần Thảo")]));
    const r = parseRosterText(bom!, opts);
    expect(r.ok && r.value.accepted.map((a) => a.fullName)).toEqual(["Trần Thảo"]);
  });
});
