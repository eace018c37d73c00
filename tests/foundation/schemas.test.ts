import { describe, expect, it } from "vitest";
import { dateSchema, idSchema, isRealDate, pageSchema } from "~/lib/schemas";

describe("shared input schemas", () => {
  it("ids are plain positive integers only", () => {
    expect(idSchema.parse("42")).toBe(42);
    expect(idSchema.parse(7)).toBe(7);
    for (const bad of ["0x10", "1e3", "1.5", "-1", "0", "", "abc", "99999999999", " 4 2", 1.5, -3]) {
      expect(idSchema.safeParse(bad).success, String(bad)).toBe(false);
    }
  });

  it("dates must exist on the calendar (no roll-over to the next month), with one message", () => {
    expect(dateSchema.parse("2028-02-29")).toBe("2028-02-29");
    expect(isRealDate("2026-02-31")).toBe(false);
    const r = dateSchema.safeParse("2026-02-31x");
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.message)).toEqual(["validation.date"]);
    expect(dateSchema.safeParse("2026-13-01").success).toBe(false);
  });

  it("page numbers fall back to 1 instead of failing", () => {
    expect(pageSchema.parse("3")).toBe(3);
    expect(pageSchema.parse("-2")).toBe(1);
    expect(pageSchema.parse("abc")).toBe(1);
  });
});
