import type { AgeUnit } from "./age.js";
import { BIRTH, type Threshold } from "./threshold.js";

/**
 * An age range a text states in words: from `start` on, up to (not including) `end`; no `end`
 * means "and older".
 */
export interface StatedAges {
  readonly phrase: string;
  readonly start: Threshold;
  readonly end?: Threshold;
}

const AGE = String.raw`(\d+)\s+(day|month|year)s?(?:\s+(?:old|of\s+age))?`;
const NUMBER = String.raw`(\d+)(?:\s+(day|month|year)s?)?`;

interface Phrasing {
  readonly pattern: RegExp;
  readonly read: (match: RegExpMatchArray) => Omit<StatedAges, "phrase">;
}

const threshold = (value: string | undefined, unit: string | undefined, plus = 0): Threshold => ({
  value: Number(value) + plus,
  unit: `${unit?.toLowerCase()}s` as AgeUnit,
});

// Longest phrasings first: "birth through 5 years" must not also be read as "5 years ...".
const PHRASINGS: readonly Phrasing[] = [
  {
    pattern: new RegExp(String.raw`\bbirth\s+through\s+${AGE}`, "gi"),
    read: ([, value, unit]) => ({ start: BIRTH, end: threshold(value, unit, 1) }),
  },
  {
    pattern: new RegExp(String.raw`\bolder\s+than\s+${AGE}\s+through\s+${AGE}`, "gi"),
    read: ([, from, fromUnit, to, toUnit]) => ({
      start: threshold(from, fromUnit, 1),
      end: threshold(to, toUnit, 1),
    }),
  },
  {
    pattern: new RegExp(String.raw`\b${NUMBER}\s+through\s+${AGE}`, "gi"),
    read: ([, from, fromUnit, to, toUnit]) => ({
      start: threshold(from, fromUnit ?? toUnit),
      end: threshold(to, toUnit, 1),
    }),
  },
  {
    pattern: new RegExp(String.raw`\b${AGE}\s+(?:and|or)\s+older\b`, "gi"),
    read: ([, value, unit]) => ({ start: threshold(value, unit) }),
  },
  {
    pattern: new RegExp(String.raw`\b${AGE}\s+(?:or|and)\s+(?:younger|less|under)\b`, "gi"),
    read: ([, value, unit]) => ({ start: BIRTH, end: threshold(value, unit, 1) }),
  },
  {
    pattern: new RegExp(String.raw`\b(?:younger|less)\s+than\s+${AGE}`, "gi"),
    read: ([, value, unit]) => ({ start: BIRTH, end: threshold(value, unit) }),
  },
  {
    pattern: new RegExp(String.raw`\bolder\s+than\s+${AGE}`, "gi"),
    read: ([, value, unit]) => ({ start: threshold(value, unit, 1) }),
  },
];

/**
 * Every age range a text states in the phrasings CPT uses ("birth through 5 years", "6 years and
 * older", "younger than 2 years", "29 days through 23 months", "28 days of age or less", "older
 * than 28 days"), in days, months or years. Text with no such phrase states none.
 */
export const statedAges = (text: string): StatedAges[] => {
  const taken: [number, number][] = [];
  const found: (StatedAges & { at: number })[] = [];
  for (const { pattern, read } of PHRASINGS) {
    for (const match of text.matchAll(pattern)) {
      const at = match.index ?? 0;
      const end = at + match[0].length;
      if (taken.some(([from, to]) => at < to && from < end)) continue;
      taken.push([at, end]);
      found.push({ phrase: match[0], at, ...read(match) });
    }
  }
  return found.sort((a, b) => a.at - b.at).map(({ at: _, ...stated }) => stated);
};
