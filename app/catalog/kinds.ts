// Constants the catalogue shares with its pages. No zod here: a page that imports this module must not pull a
// validation library into the browser bundle (tests/catalog/bundle.test.ts checks the built /catalog route).
export const PROGRAM_KINDS = ["course", "workshop", "tour"] as const;
