// Pages of long lists read from the nearer end of their order. SQL's OFFSET walks every entry it skips, so the last
// page of 100,000 users walked 100,000 index entries; with the list's total known, a page past the middle is the
// same rows read backwards from the end (reverse the ORDER BY, this offset and limit), and no page walks more than
// half the list.

export interface PageWindow {
  offset: number;
  limit: number;
  /** Read in the reverse order (`reversed`): the page's rows come back last first; callers order them again. */
  fromEnd: boolean;
}

/** Where to read `offset`/`limit` of a list of `total` entries. */
export function nearerEnd(page: { offset: number; limit: number }, total: number): PageWindow {
  const inList = Math.max(0, Math.min(page.limit, total - page.offset));
  if (inList === 0 || page.offset + inList / 2 <= total / 2) return { ...page, fromEnd: false };
  return { offset: total - page.offset - inList, limit: inList, fromEnd: true };
}

/** The other direction of an ORDER BY. */
export const reversed = (dir: "asc" | "desc"): "asc" | "desc" => (dir === "asc" ? "desc" : "asc");
