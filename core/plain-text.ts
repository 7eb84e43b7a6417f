/**
 * Text a person reads must show what it says. Rule text, names, labels and notes reach billing
 * screens and terminals, so they are plain text: no character that changes how the text displays
 * rather than what it says, and no markup.
 *
 * Hidden characters: controls (C0, DEL, C1: a newline forges a line of output, ESC rewrites a
 * terminal), format characters (the bidirectional overrides and isolates that reverse what a coder
 * reads, zero-width characters, tag characters), lone surrogates, private use, and the line and
 * paragraph separators.
 */
const HIDDEN = "\\p{Cc}\\p{Cf}\\p{Cs}\\p{Co}\\p{Zl}\\p{Zp}";

const HIDDEN_CHARACTER = new RegExp(`[${HIDDEN}]`, "u");
const HIDDEN_CHARACTERS = new RegExp(`[${HIDDEN}]`, "gu");
/** `<` and `>` are all a browser needs to read text as markup (stored XSS in a billing screen). */
const MARKUP_CHARACTER = /[<>]/;

const codePoint = (character: string): string =>
  `U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;

/**
 * Why a value is not plain text, in words an admin can act on, or undefined when it is: the first
 * hidden character (by code point and position) or the first markup character.
 */
export const plainTextProblem = (value: string): string | undefined => {
  const hidden = HIDDEN_CHARACTER.exec(value);
  if (hidden)
    return `must not hold control, formatting or bidirectional characters (${codePoint(hidden[0])} at character ${hidden.index + 1})`;
  const markup = MARKUP_CHARACTER.exec(value);
  if (markup)
    return `must not hold markup characters < or > (${markup[0]} at character ${markup.index + 1})`;
  return undefined;
};

const escapeUnit = (character: string): string =>
  Array.from(
    { length: character.length },
    (_, index) => `\\u${character.charCodeAt(index).toString(16).padStart(4, "0")}`,
  ).join("");

/**
 * The text with every hidden character written as a JSON escape of its UTF-16 code units
 * (`\u001b`, `\u000a`), so that stored text printed for a person forges no line and moves no
 * cursor, and JSON stays JSON.
 */
export const showHidden = (value: string): string => value.replace(HIDDEN_CHARACTERS, escapeUnit);

/** {@link showHidden} line by line: the line breaks of a whole output (or of JSON) are kept. */
export const showHiddenInLines = (value: string): string =>
  value.split("\n").map(showHidden).join("\n");
