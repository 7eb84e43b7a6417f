import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { RuleSet } from "../../core/rule-set.js";
import { validateRuleSet } from "../../core/validate.js";
import { readRuleFiles } from "../../rule-files/read-rule-files.js";
import { ROOT } from "./support/npm-start.js";

const RULES_DIR = join(ROOT, "rules");
const families = readdirSync(RULES_DIR).filter((file) => file.endsWith(".yaml"));

const familyRules = (file: string): RuleSet => {
  const read = readRuleFiles(join(RULES_DIR, file));
  if (!read.ok) throw new Error(read.error);
  const valid = validateRuleSet(read.value);
  if (!valid.ok) throw new Error(`${file} does not validate`);
  return valid.value;
};

/** The rows of the README's family table, each with the file it names. */
const tableRows = (): { file: string; row: string }[] => {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const section = readme.split("\n## The shipped families\n")[1]?.split("\n## ")[0] ?? "";
  return section
    .split("\n")
    .filter((line) => line.startsWith("| ") && line.includes(".yaml`)"))
    .map((row) => ({ file: /\(`([a-z-]+\.yaml)`\)/.exec(row)?.[1] ?? "", row }));
};

/** Whether the row names the code, itself or inside a range such as 99381-99387. */
const names = (row: string, code: string): boolean =>
  row.includes(code) ||
  [...row.matchAll(/\b(\d{5})-(\d{5})\b/g)].some(
    ([, from = "", to = ""]) => code >= from && code <= to && /^\d{5}$/.test(code),
  );

const rowOf = (file: string): string => tableRows().find((each) => each.file === file)?.row ?? "";

describe("the README's family table", () => {
  it("has one row for each family file of rules/, and none for a file that is not there", () => {
    expect(
      tableRows()
        .map(({ file }) => file)
        .sort(),
    ).toEqual([...families].sort());
  });

  it.each(families)("names every code of %s", (file) => {
    const row = rowOf(file);
    const missing = familyRules(file).rules.filter(({ code }) => !names(row, code));
    expect(missing.map(({ code }) => code)).toEqual([]);
  });

  it.each(families)("gives every first year of %s, and the date its codes were deleted", (file) => {
    const row = rowOf(file);
    const { procedures, rules } = familyRules(file);
    const years = new Set(rules.map(({ effective }) => effective.from.slice(0, 4)));
    const deleted = procedures.flatMap(({ retired }) => (retired ? [retired.from] : []));
    expect([...years, ...deleted].filter((date) => !row.includes(date))).toEqual([]);
  });

  it.each(families)("says unconfirmed where the notes of %s do", (file) => {
    const { procedures, rules } = familyRules(file);
    const notes = [...procedures, ...rules].map((item) => item.notes ?? "").join(" ");
    if (/unconfirmed|not confirmed/.test(notes)) expect(rowOf(file)).toContain("unconfirmed");
  });
});
