import { dateInWords, withWords } from "./words.js";

/**
 * The validator and the store write their sentences for rule files: "band '6 years and older'
 * overlaps band …", "declare coverage.stopsAt", dates as 2027-01-01. The studio shows rules by
 * their ages and dates in words, and a coding manager edits no band and no coverage by name, so
 * each sentence is said again here, in the page only: the CLI and the API keep core's words.
 * Most specific first: the generic rewrites at the end catch what a new sentence adds.
 */
const REPHRASED: readonly (readonly [RegExp, string])[] = [
  [
    /band '([^']*)' overlaps band '[^']*' of rule (.+?) on overlapping effective periods/g,
    "ages $1 overlap those of $2, on dates of service both are in effect",
  ],
  [
    /band '([^']*)' may overlap, depending on the date of birth, band '[^']*' of rule (.+?) on overlapping effective periods/g,
    "ages $1 may overlap those of $2, depending on the date of birth, on dates of service both are in effect",
  ],
  [
    /band '[^']*' is inverted: its lower bound is above its upper bound/g,
    "the from age is above the through age",
  ],
  [/band '([^']*)' is empty: no age is in it/g, "ages $1 hold no age"],
  [
    /band '([^']*)' mixes days and months so that whether it is empty depends on the date of birth/g,
    "ages $1 mix days and months, so whether they hold any age depends on the date of birth: use one unit",
  ],
  [
    /band '([^']*)' starts at (.+?), which meets (.+?) only for some dates of birth; use one unit on both sides of the edge/g,
    "ages $1 start at $2, which meets $3 only for some dates of birth: use one unit (days or months) on both sides",
  ],
  [
    /band '([^']*)' has no upper bound, but (.+?) declares its coverage stops at (.+)$/g,
    "ages $1 have no through age, but $2 is declared to cover ages only up to $3",
  ],
  [
    /band '([^']*)' starts at (.+?), but (.+?) declares its coverage starts at (.+)$/g,
    "ages $1 start at $2, but $3 is declared to cover ages only from $4",
  ],
  [
    /the bands of (.+?) end at (.+?), but its coverage is declared to stop at (.+)$/g,
    "the rules of $1 cover ages up to $2, but it is declared to cover ages up to $3",
  ],
  [
    /coverage stops \((.+?)\) at or before it starts \((.+?)\)/g,
    "the ages it covers are declared to stop ($1) at or before they start ($2)",
  ],
  [
    /; cover them or declare coverage\.stopsAt/g,
    "; cover them with a rule, or ask an administrator to declare that its ages stop there",
  ],
  [/are covered by no band of/g, "are covered by no rule of"],
  [/the band states the ages \(([^)]*)\)/g, "the rule's ages say them already ($1)"],
  [
    /effective period ends \((.+?)\) before it starts \((.+?)\)/g,
    "effective to ($1) is before effective from ($2)",
  ],
  [/in the active version is in no rule of the candidate/g, "in the version in use is in no rule"],
  [
    /^is empty: no (weight|age) is in it$/g,
    "no $1 is in this range: the from value is above the through value",
  ],
  [
    /which (.+?) does not declare under payers \(/g,
    "which $1 does not list among its payer programs (",
  ],
  // Only a procedure that fails its own checks leaves its rules naming a procedure not declared.
  [
    /^procedure (.+) is not declared under procedures$/g,
    "$1 has a problem of its own to fix first",
  ],
  [/\bband 'all ages'/g, "all ages"],
  [/\bin band '([^']*)' of/g, "in ages $1 of"],
  // What a new sentence may add: its band, bounds and coverage, said as the studio's columns.
  [/\bband '([^']*)'/g, "ages $1"],
  [/\bupper bound\b/g, "through age"],
  [/\blower bound\b/g, "from age"],
  [/\bcoverage\.startsAt\b/g, "where its ages start"],
  [/\bcoverage\.stopsAt\b/g, "where its ages stop"],
  [/\bbands\b/g, "ages"],
  [/\bband\b/g, "ages"],
  [/\bbirth through 0 (year|month|day)s\b/g, "younger than 1 $1"],
];

const ISO_DATE = /\b\d{4}-\d{2}-\d{2}\b/g;

/**
 * A sentence from the validator or the store as a coding manager reads it: keys and identities by
 * their names (withWords), rule-file words by what the studio calls them, dates in words.
 */
export const sentenceInWords = (sentence: string, words: ReadonlyMap<string, string>): string =>
  REPHRASED.reduce(
    (said, [pattern, instead]) => said.replace(pattern, instead),
    withWords(sentence, words),
  ).replace(ISO_DATE, (date) => dateInWords(date));

/** A sentence said on its own, as a message, starts with a capital: the store writes it in lower case. */
export const asMessage = (sentence: string): string =>
  sentence.charAt(0).toUpperCase() + sentence.slice(1);
