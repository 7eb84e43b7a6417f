import { describe, expect, it } from "vitest";
import { readRuleFiles } from "../../rule-files/read-rule-files.js";
import { ruleFileText } from "../../rule-files/write-rule-files.js";
import { fileWith, shippedRuleSet } from "./support.js";

/** What reading `text` as the file `name` refuses with, or "read" when it reads. */
const refusal = (name: string, text: string): { file: string; error: string } => {
  const file = fileWith(name, text);
  const read = readRuleFiles(file);
  return { file, error: read.ok ? "read" : read.error };
};

const expectOneLineNaming = (error: string, file: string) => {
  expect(error.startsWith(`${file}`)).toBe(true);
  expect(error).not.toContain("\n");
};

/** Lists `levels` deep inside a rule file's own mapping (the file's root is level 1). */
const nestedJson = (levels: number): string =>
  `{"procedures": [], "rules": [], "x": ${"[".repeat(levels - 1)}${"]".repeat(levels - 1)}}`;

const nestedYaml = (levels: number): string =>
  `procedures: []\nrules: []\nx:\n${Array.from({ length: levels - 1 }, (_, i) => `${"  ".repeat(i + 1)}-\n`).join("")}`;

/** The classic "billion laughs": nine levels of nine aliases each, a few hundred bytes of text. */
const aliasBomb = (): string => {
  const names = "abcdefghi";
  const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < names.length; i++)
    lines.push(
      `${names[i]}: &${names[i]} [${Array(9)
        .fill(`*${names[i - 1]}`)
        .join(",")}]`,
    );
  return `${lines.join("\n")}\nprocedures: []\nrules: []\n`;
};

describe("reading JSON and YAML rule files", () => {
  it("refuses a key written twice in JSON, as in YAML, naming the file, line and key", () => {
    const json = refusal(
      "rules.json",
      '{\n  "procedures": [],\n  "rules": [],\n  "rules": []\n}\n',
    );
    expect(json.error).toBe(
      `${json.file}:4: key "rules" appears twice in one mapping; each key may appear once`,
    );
    const yaml = refusal("rules.yaml", "procedures: []\nrules: []\nrules: []\n");
    expect(yaml.error).toBe(
      `${yaml.file}:3: key "rules" appears twice in one mapping; each key may appear once`,
    );
  });

  it("refuses a duplicate key deep in a rule, however the JSON spells it", () => {
    const [rule] = shippedRuleSet().rules;
    // "co\u0064e" is "code": JSON.parse would keep the second and publish 99999.
    const text = JSON.stringify({ procedures: [], rules: [rule] }).replace(
      `"code":"${rule?.code}"`,
      `"code":"${rule?.code}","co\\u0064e":"99999"`,
    );
    const { file, error } = refusal("rules.json", text);
    expect(error).toBe(
      `${file}:1: key "code" appears twice in one mapping; each key may appear once`,
    );
  });

  it("still reads an exported JSON file, tabs or not", () => {
    const text = ruleFileText({ content: shippedRuleSet(), baseVersion: 2, format: "json" });
    expect(refusal("rules.json", text).error).toBe("read");
    expect(refusal("rules.json", text.replaceAll("  ", "\t")).error).toBe("read");
  });

  it("refuses a YAML alias bomb in one line naming the file, without expanding it", () => {
    const started = performance.now();
    const { file, error } = refusal("rules.yaml", aliasBomb());
    expect(error).toBe(
      `${file}: its YAML aliases expand more than 100 times (an alias bomb?); write the values out`,
    );
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it("refuses a YAML alias that holds itself, as nested too deeply", () => {
    const { file, error } = refusal("rules.yaml", "procedures: []\nrules: []\nx: &x [*x]\n");
    expect(error).toBe(`${file}: nested more than 32 levels deep; a rule file needs far fewer`);
  });

  it.each([
    ["JSON", "rules.json", nestedJson],
    ["YAML", "rules.yaml", nestedYaml],
  ])("refuses %s nested more than 32 levels in one line naming the file", (_, name, nested) => {
    // 32 levels reads as far as the schema, which names the stray field.
    expect(refusal(name, nested(32)).error).toMatch(/unknown field\(s\) x$/);
    for (const levels of [33, 500]) {
      const { file, error } = refusal(name, nested(levels));
      expect(error).toBe(`${file}: nested more than 32 levels deep; a rule file needs far fewer`);
    }
  });

  it.each([
    ["JSON", "rules.json", (levels: number) => nestedJson(levels)],
    [
      "YAML",
      "rules.yaml",
      (levels: number) =>
        `procedures: []\nrules: []\nx: ${"[".repeat(levels)}${"]".repeat(levels)}\n`,
    ],
  ])(
    "refuses %s nested past the parser's own stack as too deep, not as a crash",
    (_, name, nested) => {
      const { file, error } = refusal(name, nested(100_000));
      expectOneLineNaming(error, file);
      expect(error).toBe(`${file}: nested more than 32 levels deep; a rule file needs far fewer`);
    },
  );
});
