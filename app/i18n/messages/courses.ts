// Strings of the courses capability. Vietnamese is the reference; English must have the same keys.
export const vi = {} as const;

export const en: Record<keyof typeof vi, string> = {};
