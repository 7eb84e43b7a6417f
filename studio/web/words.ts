import { formatAge } from "../../core/age.js";
import { type AgeBand, bandEnd, bandLabel, bandStart } from "../../core/age-band.js";
import { parseIsoDate } from "../../core/calendar-date.js";
import { either } from "../../core/impact.js";
import { BIRTH, describeThreshold, type Threshold } from "../../core/threshold.js";

/**
 * How the studio says things to people: dates, ages, periods and names, never the ISO dates,
 * units, keys or identities the rules and the audit trail hold.
 */

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** "2027-01-01" as "1 January 2027"; anything that is not a date is said as it was written. */
export const dateInWords = (iso: string): string => {
  const parsed = parseIsoDate(iso, "date");
  if (!parsed.ok) return iso;
  const { year, month, day } = parsed.value;
  return `${day} ${MONTHS[month - 1]} ${year}`;
};

/**
 * Ages from birth up to a first threshold of 1: "younger than 1 year", where the API's label says
 * "birth through 0 years", which no one says of a baby.
 */
const firstOfItsUnit = (start: Threshold, end: Threshold | undefined): string | undefined =>
  start.value === 0 && end?.value === 1 ? `younger than ${formatAge(1, end.unit)}` : undefined;

/** Ages that are one completed age: "6 years", where the API's label says "6 through 6 years". */
const oneAge = (start: Threshold, end: Threshold | undefined): string | undefined =>
  start.value > 0 && end?.unit === start.unit && end.value === start.value + 1
    ? formatAge(start.value, start.unit)
    : undefined;

/**
 * A band's ages as people say them: "birth through 5 years", "6 years and older", "younger than
 * 1 year", "6 years". The API's label (core's bandLabel) is kept everywhere else; only the page
 * rephrases.
 */
export const agesInWords = (band: AgeBand): string => {
  const [start, end] = [bandStart(band), bandEnd(band)];
  return firstOfItsUnit(start, end) ?? oneAge(start, end) ?? bandLabel(band);
};

/** "ages 6 years and older", "all ages", "younger than 1 year", "age 6 years": a band in a sentence. */
export const agesPhrase = (band: AgeBand): string => {
  const [start, end] = [bandStart(band), bandEnd(band)];
  const one = oneAge(start, end);
  if (one) return `age ${one}`;
  const label = agesInWords(band);
  return label === "all ages" || label.startsWith("younger") ? label : `ages ${label}`;
};

/** A period of dates of service: "from 1 January 2027", "1 January 2015 through 31 December 2026". */
export const periodInWords = ({ from, to }: { from: string; to?: string | undefined }): string =>
  to === undefined
    ? `from ${dateInWords(from)}`
    : `${dateInWords(from)} through ${dateInWords(to)}`;

/** "effective from 1 January 2027", "effective 1 January 2015 through 31 December 2026". */
export const effectiveInWords = (period: { from: string; to?: string | undefined }): string =>
  `effective ${periodInWords(period)}`;

/** The last completed age before a threshold: younger than 12 years is "through 11 years". */
const lastAgeBefore = ({ value, unit }: Threshold): string => formatAge(value - 1, unit);

/**
 * An impact region's ages, said as bands are: "ages 6 years through 11 years", "ages 12 years and
 * older". Where days meet months, a region's end depends on the date of birth: "the later of …".
 */
export const ageRangeInWords = ({
  atLeast,
  youngerThan,
}: {
  atLeast: readonly Threshold[];
  youngerThan: readonly Threshold[];
}): string => {
  const fromBirth = atLeast.every((start) => start.value === 0);
  const [first] = atLeast;
  const [only] = youngerThan;
  if (youngerThan.length === 1 && only) {
    const single = atLeast.length === 1 && first && oneAge(first, only);
    if (single) return `age ${single}`;
    const baby = fromBirth && firstOfItsUnit(BIRTH, only);
    if (baby) return baby;
  }
  const from = fromBirth ? "birth" : either("later", atLeast.map(describeThreshold));
  if (youngerThan.length === 0) return fromBirth ? "all ages" : `ages ${from} and older`;
  return `ages ${from} through ${either("earlier", youngerThan.map(lastAgeBefore))}`;
};

/** Where a change request stands, in words. */
export const STATE_WORDS: Readonly<Record<string, string>> = {
  draft: "draft, not yet submitted",
  "in-review": "waiting for approval",
  approved: "approved, ready to publish",
  rejected: "rejected",
  published: "published",
  withdrawn: "withdrawn",
};

export const stateInWords = (state: string): string => STATE_WORDS[state] ?? state;

/**
 * What a person is called: the name the audit trail signed their steps with. Someone the studio
 * has no name for (an administrator at the command line, the first deploy) is never shown by
 * their identity.
 */
export const personName = (actor: string, people: Readonly<Record<string, string>>): string =>
  people[actor] ?? "an administrator";

/** An instant (ISO 8601) as a date in words and a time of day on this browser's clock. */
export const momentInWords = (instant: string): string => {
  const at = new Date(instant);
  if (Number.isNaN(at.getTime())) return instant;
  const time = at.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });
  return `${at.getDate()} ${MONTHS[at.getMonth()]} ${at.getFullYear()} at ${time}`;
};

/**
 * A sentence from the store or the validator with the keys and identities in it replaced by what
 * people call them: rule ids by their code and ages, procedure keys by names, actors by names.
 * Longer keys first, so a rule id is never cut by the procedure key it starts with.
 */
export const withWords = (sentence: string, words: ReadonlyMap<string, string>): string => {
  const keys = [...words.keys()].filter((key) => key !== "").sort((a, b) => b.length - a.length);
  if (keys.length === 0) return sentence;
  const escaped = keys.map((key) => key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  const pattern = new RegExp(`(?<![\\w-])(?:${escaped.join("|")})(?![\\w-])`, "g");
  return sentence.replace(pattern, (key) => words.get(key) ?? key);
};
