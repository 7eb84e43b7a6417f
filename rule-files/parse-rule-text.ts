import { visit as visitJson } from "jsonc-parser";
import { type Document, isScalar, parseDocument, visit, type YAMLError } from "yaml";
import { showHidden } from "../core/plain-text.js";
import { err, ok, type Result } from "../core/result.js";

/**
 * The text of a YAML or JSON rule file as plain values, or one line naming the file and what is
 * wrong with it. Both formats refuse a key written twice in one mapping, YAML aliases that expand
 * past a bound (a "billion laughs" file), and nesting deeper than any rule file needs.
 */

/** Levels of nested mappings and lists a rule file may hold; a rule's bound sits at level 5. */
export const MAX_NESTING = 32;

/** How many times YAML aliases may be expanded in one file (the `yaml` package's default). */
export const MAX_ALIAS_COUNT = 100;

const tooDeep = (file: string): string =>
  `${file}: nested more than ${MAX_NESTING} levels deep; a rule file needs far fewer`;

export const parseJsonRuleText = (file: string, text: string): Result<unknown, string> => {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    // V8 parses without recursing, but a stack overflow is still a refusal, not a crash.
    if (error instanceof RangeError) return err(tooDeep(file));
    return err(`${file}: not valid JSON (${(error as Error).message})`);
  }
  if (nestsDeeperThan(value, MAX_NESTING)) return err(tooDeep(file));
  // JSON.parse keeps the last of two equal keys without a word; YAML, a superset of JSON, names
  // the second. Only that error is taken from it: JSON.parse has already judged the rest. YAML's
  // parse takes seconds on a file of megabytes, so it is asked only where a scan finds one.
  if (!holdsKeyTwice(text)) return ok(value);
  const document = parseDocument(text, { uniqueKeys: true });
  const duplicate = document.errors.find((error) => error.code === "DUPLICATE_KEY");
  return duplicate ? err(duplicateKeyMessage(file, document, duplicate)) : ok(value);
};

/** Whether an object of this JSON text holds a key twice, its keys compared as JSON.parse reads them. */
const holdsKeyTwice = (text: string): boolean => {
  const open: Set<string>[] = [];
  let twice = false;
  visitJson(text, {
    onObjectBegin: () => {
      open.push(new Set());
    },
    onObjectProperty: (key) => {
      const keys = open.at(-1);
      if (keys?.has(key)) twice = true;
      keys?.add(key);
    },
    onObjectEnd: () => {
      open.pop();
    },
  });
  return twice;
};

export const parseYamlRuleText = (file: string, text: string): Result<unknown, string> => {
  let document: Document;
  try {
    document = parseDocument(text, { uniqueKeys: true });
  } catch (error) {
    return err(refusal(file, error));
  }
  const [first] = document.errors;
  if (first) {
    if (first.code === "DUPLICATE_KEY") return err(duplicateKeyMessage(file, document, first));
    if (first.code === "RESOURCE_EXHAUSTION") return err(tooDeep(file));
    const line = first.linePos?.[0]?.line;
    return err(
      `${file}${line ? `:${line}` : ""}: not valid YAML (${first.message.split(" at line")[0]})`,
    );
  }
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    return err(refusal(file, error));
  }
  // Aliases can nest a value deeper than its text does, or inside itself.
  return nestsDeeperThan(value, MAX_NESTING) ? err(tooDeep(file)) : ok(value);
};

/** What the `yaml` package throws, said as one line: a bomb, a stack overflow, anything else. */
const refusal = (file: string, error: unknown): string => {
  if (error instanceof RangeError) return tooDeep(file);
  if (error instanceof ReferenceError && /alias/i.test(error.message))
    return `${file}: its YAML aliases expand more than ${MAX_ALIAS_COUNT} times (an alias bomb?); write the values out`;
  return `${file}: not valid YAML`;
};

const duplicateKeyMessage = (file: string, document: Document, error: YAMLError): string => {
  const line = error.linePos?.[0]?.line;
  let key: unknown;
  visit(document, {
    Pair: (_, pair) => {
      if (isScalar(pair.key) && pair.key.range?.[0] === error.pos[0]) {
        key = pair.key.value;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  const name = String(key);
  // The key is the file's own text: shown with its hidden characters escaped, and cut short.
  const shown = showHidden(name.length > 60 ? `${name.slice(0, 60)}…` : name);
  const named = key === undefined ? "a key" : `key "${shown}"`;
  return `${file}${line ? `:${line}` : ""}: ${named} appears twice in one mapping; each key may appear once`;
};

/**
 * Whether mappings and lists nest more than `limit` deep. It never goes below the limit, so a
 * value that holds itself (a YAML alias to its own anchor) ends the walk too, as too deep.
 */
const nestsDeeperThan = (value: unknown, limit: number): boolean => {
  const pending: [unknown, number][] = [[value, 1]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [node, level] = next;
    if (typeof node !== "object" || node === null) continue;
    if (level > limit) return true;
    for (const child of Object.values(node)) pending.push([child, level + 1]);
  }
  return false;
};
