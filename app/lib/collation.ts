// A stored sort key for Vietnamese names (issue 17): comparing two keys as plain code points (SQLite's BINARY
// collation, PostgreSQL's "C" collation, `<` in JavaScript) gives the order of `compareVietnameseNames`
// (app/i18n/format.ts: the given name, i.e. the last word, then the whole name, with ICU's Vietnamese
// collation), so the database can sort and page learners by name. tests/foundation/collation.test.ts checks
// the two orders agree on generated names.
//
// Like an ICU sort key it has three levels, each compared only when the previous ones are equal:
//   1. letters of the Vietnamese alphabet (a ă â b c d đ e ê … ơ … ư …; f j w z in their Latin places),
//      digits before letters, spaces and punctuation before digits;
//   2. tone marks, in the order none < huyền < hỏi < ngã < sắc < nặng (other accents after them);
//   3. case: lower before upper.
// Levels end with U+0001, below every weight, so a shorter key sorts first, as in ICU.
// Change this and the stored keys must be recomputed: a migration re-runs it over users.full_name.

const ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz";
const LETTER_BASE = 0x0200;
const DIGIT_BASE = 0x0100;
const PUNCT_BASE = 0x0040;
const OTHER_BASE = 0x1000;
const LEVEL_END = "\u0001";
// ASCII spaces, punctuation and symbols in ICU's order (they weigh at the first level, before digits).
const PUNCTUATION = " _-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$";

// Tone marks (NFD combining characters) and their secondary weights; the letter itself weighs COMMON.
const COMMON = 0x0021;
const TONES: Record<string, number> = { "\u0300": 0x22, "\u0309": 0x23, "\u0303": 0x24, "\u0301": 0x25, "\u0323": 0x26 };
// Marks that make another letter of the alphabet rather than a tone: breve, circumflex, horn.
const LETTER_MARKS: Record<string, Record<string, string>> = {
  "\u0306": { a: "ă" },
  "\u0302": { a: "â", e: "ê", o: "ô" },
  "\u031b": { o: "ơ", u: "ư" },
};
const LOWER = 0x0021;
const UPPER = 0x0022;

const ignorable = /[\p{Cf}\p{Cc}]/u;
const combining = /\p{M}/u;

/** The three-level sort key of one string. */
export function collationKey(text: string): string {
  const chars = [...text.normalize("NFD")];
  let primary = "";
  let secondary = "";
  let tertiary = "";
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    if (ignorable.test(ch)) continue;
    if (combining.test(ch)) {
      // A mark with no letter before it (or not Vietnamese): an accent weighing after the tones.
      secondary += String.fromCharCode(TONES[ch] ?? 0x30 + (ch.codePointAt(0)! % 0x100));
      continue;
    }
    let lower = ch.toLowerCase();
    const upper = lower !== ch;
    // The marks on this letter: breve, circumflex and horn make another letter; the others (tones) weigh at the
    // second level. NFD may put a tone first (ệ = e + dot below + circumflex).
    const marks: string[] = [];
    while (i + 1 < chars.length && combining.test(chars[i + 1])) {
      const mark = chars[++i];
      const made = LETTER_MARKS[mark]?.[lower];
      if (made) lower = made;
      else marks.push(mark);
    }
    const rank = ALPHABET.indexOf(lower === "\u0111" ? "đ" : lower);
    const code = lower.codePointAt(0)!;
    let weight: number;
    if (lower.length === 1 && rank >= 0) weight = LETTER_BASE + rank;
    else if (/[0-9]/.test(lower)) weight = DIGIT_BASE + Number(lower);
    else if (/\s/.test(lower)) weight = PUNCT_BASE;
    else if (PUNCTUATION.includes(lower)) weight = PUNCT_BASE + PUNCTUATION.indexOf(lower);
    else if (/[\p{P}\p{S}]/u.test(lower)) weight = PUNCT_BASE + PUNCTUATION.length + (code % 0x80);
    else weight = OTHER_BASE + Math.min(code, 0xd7ff - OTHER_BASE);
    primary += String.fromCharCode(weight);
    secondary += String.fromCharCode(COMMON);
    for (const mark of marks) secondary += String.fromCharCode(TONES[mark] ?? 0x30 + (mark.codePointAt(0)! % 0x100));
    tertiary += String.fromCharCode(upper ? UPPER : LOWER);
  }
  return primary + LEVEL_END + secondary + LEVEL_END + tertiary + LEVEL_END;
}

/** The stored key of a person's name: the given name (last word) first, then the whole name as written. */
export function vietnameseNameKey(fullName: string): string {
  const given = fullName.trim().split(/\s+/).pop() ?? "";
  return collationKey(given) + collationKey(fullName);
}
