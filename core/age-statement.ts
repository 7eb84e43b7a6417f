/**
 * Where a rule's text states an age. The band (and the limits from conception) state a rule's
 * ages, and the text served to callers says them from there (served-text.ts); text that states
 * them again can only repeat the band or contradict it, so a publish refuses it. Text names the
 * service: "Insert a central venous catheter through a central vein".
 *
 * Words like "through", "under" and "over" describe services too ("a port under the skin",
 * "over 30 minutes"), so they count only next to an age, a bare number or birth; "minor" counts
 * only as a person ("minors", "a minor"), never as a service ("minor procedure"). Numbers count
 * in digits or in words ("under five").
 */

const ONES = "one|two|three|four|five|six|seven|eight|nine";
const TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen";
const TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety";
/**
 * A number said in words, "five", "twelve", "sixty-five", as a whole word: never the start of a
 * longer one ("ten" in "tender", "twenty" in "twenty-five").
 */
const NUMBER_WORD = String.raw`(?:(?:${TENS})(?:-(?:${ONES}))?|${TEENS}|${ONES}|zero|hundred)(?!\w|-(?:${ONES})\b)`;
/** A number in digits, whole: never the "2" of "2.5 cm". */
const DIGITS = String.raw`\d+(?:[.,]\d+)?(?![.,]?\d)`;
const NUMBER = `(?:${DIGITS}|${NUMBER_WORD})`;
const ORDINAL = String.raw`(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th))`;
/** Every unit an age is counted in, chronological or from conception, and their short forms. */
const AGE_UNIT = String.raw`(?:years?|yrs?|y\/?o|y|months?|mos?|weeks?|wks?|days?)`;
/**
 * Measures a service is counted in: "under 2 cm", "over 30 minutes" are sizes and times, not ages.
 * A bare number after "under" or "over" is read as an age.
 */
const MEASURE = String.raw`(?:%|(?:percent|seconds?|secs?|minutes?|mins?|hours?|hrs?|mm|cm|m|km|inch(?:es)?|sq|square|ml|cc|l|mg|mcg|g|kg|lbs?|units?)\b)`;
/**
 * What ends a number that counts ages where the words before it could count anything: an age
 * unit ("up to 5 years", taken into the phrase) or the end of the clause ("up to 5", "65 or
 * more,"). Any other noun says what is counted, and it is not the patient's age: "up to 3
 * lesions", "one or more lesions", "30 to 74 minutes".
 */
const AGE_OR_CLAUSE_END = String.raw`(?:\s*-?\s*${AGE_UNIT}\b(?:[\s-]*(?:old|of\s+age))?|(?=\s*(?:[,;:.)]|$)))`;

const PATTERNS: readonly RegExp[] = [
  // "6 years", "2 yrs", "6 y", "28 days of age", "6-year-old", "6+ years", "six months old"
  new RegExp(String.raw`\b${NUMBER}\s*\+?\s*-?\s*${AGE_UNIT}\b(?:[\s-]*(?:old|of\s+age))?`, "gi"),
  // "6+", "age 6", "ages 2 to 5", "ages 5-11", "aged 6"
  new RegExp(String.raw`\b${DIGITS}\s*\+`, "gi"),
  new RegExp(String.raw`\bage[sd]?\s+${NUMBER}(?:\s*(?:-|–|to|through)\s*${NUMBER})?\b`, "gi"),
  // "6 and over", "5 or under", "twelve and up", "six and older"
  new RegExp(
    String.raw`\b${NUMBER}\s+(?:and|or)\s+(?:over|under|up|above|below|older|younger)\b`,
    "gi",
  ),
  // "65 or more", "2 or less", but not "one or more lesions"
  new RegExp(
    String.raw`\b${NUMBER}\s+(?:and|or)\s+(?:more|less|fewer|greater)\b${AGE_OR_CLAUSE_END}`,
    "gi",
  ),
  // "up to 5", "up to 5 years", "at least 6", but not "up to 3 lesions"
  new RegExp(
    String.raw`\b(?:up\s+to|at\s+(?:least|most)|(?:less|more|fewer|greater)\s+than)\s+${NUMBER}${AGE_OR_CLAUSE_END}`,
    "gi",
  ),
  // "under 5", "under five", "over 65", but not "under 2 cm" or "over 30 minutes"
  new RegExp(String.raw`\b(?:under|over|below|above)\s+${NUMBER}(?!\s*-?\s*${MEASURE})`, "gi"),
  // "≥ 6", "<= 5", "> 12", but not "> 2 cm"
  new RegExp(String.raw`(?:[<>≤≥]=?)\s*${NUMBER}(?!\s*-?\s*${MEASURE})`, "gi"),
  // A bare range that opens a clause: ", 5-11", ", 5 to 11", but not "first 30 to 74 minutes"
  new RegExp(
    String.raw`(?<=(?:^|[,;:(])\s*)\d{1,3}\s*(?:-|–|to)\s*\d{1,3}(?![.,]?\d)${AGE_OR_CLAUSE_END}`,
    "gi",
  ),
  // "2 through 5", "birth through"
  new RegExp(String.raw`\b(?:${DIGITS}|birth)\s+through(?:\s+${DIGITS}\b)?`, "gi"),
  // "first year of life", "first 28 days of life"
  new RegExp(String.raw`\b(?:${ORDINAL}\s+)?(?:${NUMBER}\s+)?${AGE_UNIT}\s+of\s+life\b`, "gi"),
  // "minors", "minor patient", "a minor", but not "minor procedure", "minor surgery"
  /\bminors\b|\bminor(?=\s+(?:patients?|persons?|child(?:ren)?|boys?|girls?)\b)|(?<=\b(?:a|an|the|any)\s+)minor(?=\s*(?:[,;:.)]|$))/gi,
  // Words that say who the patient is by age, or that the code is for every age.
  /\b(?:older|younger|elderly|birth|birthdays?|newborns?|neonates?|neonatal|infants?|infancy|babies|baby|toddlers?|child|children|childhood|kids?|juveniles?|adolescents?|adolescence|teens?|teenagers?|adults?|pediatrics?|paediatrics?|geriatrics?|aged|(?:any|all|every)\s+ages?)\b/gi,
];

/** What may stand between two parts of one phrase: "younger than 5 years", "6 years and older". */
const JOINER = /^\s*(?:(?:and|or|than|through|to|of)\s+)*$/i;

/**
 * The phrases of a text that state an age, in order: "child younger than 5 years", "6+ years",
 * "age 6 and over", "newborn". Parts of a phrase found apart ("younger", "than", "5 years") are
 * joined, so each phrase is named once, as written. Text that names only the service has none.
 */
export const ageStatements = (text: string): string[] => {
  const spans: [number, number][] = [];
  // exec on the shared patterns, not matchAll: a publish reads every rule's text, and the
  // iterators matchAll allocates cost several times the matching itself.
  for (const pattern of PATTERNS) {
    pattern.lastIndex = 0;
    for (let match = pattern.exec(text); match; match = pattern.exec(text))
      spans.push([match.index, match.index + match[0].length]);
  }
  spans.sort(([a], [b]) => a - b);
  const phrases: [number, number][] = [];
  for (const [from, to] of spans) {
    const last = phrases.at(-1);
    if (last && (from <= last[1] || JOINER.test(text.slice(last[1], from))))
      last[1] = Math.max(last[1], to);
    else phrases.push([from, to]);
  }
  return phrases.map(([from, to]) => text.slice(from, to));
};
