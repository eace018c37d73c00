// Reading a page from the nearer end of its list gives exactly the rows of reading it from the start.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { nearerEnd } from "~/lib/paging";

/** The page as the rows the window reads (reversed back when read from the end). */
function read(list: number[], window: ReturnType<typeof nearerEnd>): number[] {
  if (!window.fromEnd) return list.slice(window.offset, window.offset + window.limit);
  const backwards = [...list].reverse().slice(window.offset, window.offset + window.limit);
  return backwards.reverse();
}

describe("nearerEnd", () => {
  it("reads the same rows as OFFSET from the start, and never walks more than half the list", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 500 }), (total, limit, offset) => {
        const list = Array.from({ length: total }, (_, i) => i);
        const window = nearerEnd({ offset, limit }, total);
        expect(read(list, window)).toEqual(list.slice(offset, offset + limit));
        if (offset < total) expect(window.offset).toBeLessThanOrEqual(Math.ceil(total / 2));
      }),
    );
  });

  it("reads the last page backwards from the end, the first from the start", () => {
    expect(nearerEnd({ offset: 100, limit: 50 }, 120)).toEqual({ offset: 0, limit: 20, fromEnd: true });
    expect(nearerEnd({ offset: 0, limit: 50 }, 120)).toEqual({ offset: 0, limit: 50, fromEnd: false });
    expect(nearerEnd({ offset: 200, limit: 50 }, 120)).toEqual({ offset: 200, limit: 50, fromEnd: false });
  });
});
