// The stored name key sorts as compareVietnameseNames (ICU's Vietnamese collation on the given name, then the
// whole name): property-based over generated Vietnamese names, plus the cases that decide the order.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareVietnameseNames } from "~/i18n/format";
import { collationKey, vietnameseNameKey } from "~/lib/collation";

const byKey = (a: string, b: string) => {
  const x = vietnameseNameKey(a);
  const y = vietnameseNameKey(b);
  return x < y ? -1 : x > y ? 1 : 0;
};

const SYLLABLES = [
  "an", "Anh", "Ánh", "ánh", "Ân", "Ăn", "Bảo", "Bình", "Châu", "Chi", "Cường", "Dũng", "Dung", "Đức", "Đào", "Giang", "Hà", "Hải",
  "Hằng", "Hạnh", "Hoa", "Hòa", "Hóa", "Hỏa", "Hõa", "Hoà", "Huy", "Hùng", "Hưng", "Khánh", "Lan", "Lân", "Linh", "Long", "Mai",
  "Minh", "My", "Mỹ", "Nam", "Ngọc", "Nguyễn", "Nhi", "Oanh", "Ơn", "Ông", "Phúc", "Quân", "Quang", "Sơn", "Tâm", "Thảo", "Thị",
  "Trần", "Trung", "Tú", "Tư", "Tuấn", "Uyên", "Ưng", "Văn", "Việt", "Vy", "Xuân", "Yến", "Zoe", "John", "Fred", "Wu", "le",
  "Lê", "LÊ", "lê", "Lệ", "Lề", "Lể", "Lễ", "Lế", "Đ", "d", "D", "O'Neil", "Mary-Jane", "A1", "An2", "Hòa", "Hoà",
];

const name = fc
  .array(fc.constantFrom(...SYLLABLES), { minLength: 1, maxLength: 4 })
  .chain((words) => fc.constantFrom(" ", "  ").map((sep) => words.join(sep)))
  .chain((n) => fc.constantFrom(n, ` ${n} `, n.normalize("NFD"), n.toUpperCase(), n.toLowerCase()));

describe("vietnameseNameKey", () => {
  it("orders pairs of names as compareVietnameseNames", () => {
    fc.assert(
      fc.property(name, name, (a, b) => {
        expect(Math.sign(byKey(a, b))).toBe(Math.sign(compareVietnameseNames(a, b)));
      }),
      { numRuns: 5000 },
    );
  });

  it("orders arbitrary strings of Vietnamese letters, tones, digits and punctuation as compareVietnameseNames", () => {
    const chars = [..."aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ -'_.,()0123456789fjwzÀÁẠỆỰ"];
    const text = fc.array(fc.constantFrom(...chars), { maxLength: 8 }).map((a) => a.join(""));
    fc.assert(
      fc.property(text, text, (a, b) => {
        expect(Math.sign(byKey(a, b))).toBe(Math.sign(compareVietnameseNames(a, b)));
      }),
      { numRuns: 5000 },
    );
  });

  it("sorts a list of names as compareVietnameseNames", () => {
    fc.assert(
      fc.property(fc.array(name, { minLength: 2, maxLength: 40 }), (names) => {
        const expected = [...names].sort(compareVietnameseNames);
        const actual = [...names].sort(byKey);
        // Names that compare equal may come in either order: compare the sorted keys' classes.
        expect(actual.map((n, i) => compareVietnameseNames(n, expected[i]))).toEqual(actual.map(() => 0));
      }),
      { numRuns: 300 },
    );
  });

  it("follows the Vietnamese alphabet, tones and case", () => {
    const ordered = ["an", "àn", "ản", "ãn", "án", "ạn", "ăn", "ân", "bn", "dn", "đn", "en", "ên", "on", "ôn", "ơn", "un", "ưn"];
    for (let i = 1; i < ordered.length; i++) expect(collationKey(ordered[i - 1]) < collationKey(ordered[i]), ordered[i]).toBe(true);
    expect(collationKey("an") < collationKey("An")).toBe(true);
    expect(collationKey("a b") < collationKey("ab")).toBe(true);
    expect(collationKey("1") < collationKey("a")).toBe(true);
    expect(collationKey("ó")).toBe(collationKey("o\u0301"));
    expect(vietnameseNameKey("Trần Thị Bình") > vietnameseNameKey("Nguyễn Văn An")).toBe(true);
  });
});
