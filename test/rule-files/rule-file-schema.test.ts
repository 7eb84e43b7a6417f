import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { RULE_FILE_SCHEMA_PATH, ruleFileSchemaText } from "../../rule-files/rule-file-schema.js";
import { ruleFileText } from "../../rule-files/write-rule-files.js";
import { SHIPPED_RULES_DIR } from "../core/support/shipped-rules.js";
import { shippedRuleSet } from "./support.js";

const check = new Ajv2020({ strict: false }).compile(
  JSON.parse(readFileSync(RULE_FILE_SCHEMA_PATH, "utf8")),
);

describe("rule-files/rule-file.schema.json", () => {
  it("is the schema the zod schemas generate (npm run rule-file-schema rewrites it)", () => {
    expect(readFileSync(RULE_FILE_SCHEMA_PATH, "utf8"), "run `npm run rule-file-schema`").toBe(
      ruleFileSchemaText(),
    );
  });

  it.each(["critical-care.yaml", "ecmo-cannula.yaml", "ecmo-support.yaml"])(
    "accepts the shipped %s, which names it for editors",
    (name) => {
      const text = readFileSync(join(SHIPPED_RULES_DIR, name), "utf8");
      expect(
        text.startsWith("# yaml-language-server: $schema=../rule-files/rule-file.schema.json\n"),
      ).toBe(true);
      expect(check(parse(text)), JSON.stringify(check.errors)).toBe(true);
    },
  );

  it("accepts an exported file", () => {
    const text = ruleFileText({ content: shippedRuleSet(), baseVersion: 1, format: "yaml" });
    expect(check(parse(text)), JSON.stringify(check.errors)).toBe(true);
  });

  it("flags what an editor should: a misspelt field, a bound's unit, a missing text, a bad code", () => {
    const file = parse(ruleFileText({ content: shippedRuleSet(), baseVersion: 1, format: "yaml" }));
    for (const edit of [
      (f: typeof file) => {
        f.rules[0].band.lower.units = "years";
      },
      (f: typeof file) => {
        f.rules[0].band.lower.unit = "weeks";
      },
      (f: typeof file) => {
        delete f.rules[0].text;
      },
      (f: typeof file) => {
        f.rules[0].code = "3395";
      },
    ]) {
      const edited = structuredClone(file);
      edit(edited);
      expect(check(edited)).toBe(false);
    }
  });
});
