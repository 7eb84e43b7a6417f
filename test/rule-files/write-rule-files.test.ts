import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { readRuleFilesWithBase } from "../../rule-files/read-rule-files.js";
import { RULE_FILE_SCHEMA_PATH } from "../../rule-files/rule-file-schema.js";
import {
  type Export,
  RULE_FILE_FORMATS,
  ruleFileText,
  writeRuleFiles,
} from "../../rule-files/write-rule-files.js";
import { ruleSetChecksum } from "../../store/checksum.js";
import { validated } from "../core/support/rule-sets.js";
import { scratch, shippedRuleSet } from "./support.js";

const exported = (format: Export["format"] = "yaml"): Export => ({
  content: shippedRuleSet(),
  baseVersion: 3,
  format,
});

const readBack = (path: string) => {
  const read = readRuleFilesWithBase(path);
  if (!read.ok) throw new Error(read.error);
  return {
    checksum: ruleSetChecksum(validated(read.value.content)),
    baseVersion: read.value.baseVersion,
  };
};

describe("writing rule files", () => {
  it.each(RULE_FILE_FORMATS)(
    "writes %s that reads back to the same rules and base version",
    (format) => {
      const file = join(scratch(), `rules.${format}`);
      expect(writeRuleFiles(file, exported(format))).toEqual({ ok: true, value: [file] });
      expect(readBack(file)).toEqual({
        checksum: ruleSetChecksum(shippedRuleSet()),
        baseVersion: 3,
      });
    },
  );

  it("never wraps a long text over two lines", () => {
    const ruleSet = shippedRuleSet();
    const long = `${"a long plain text ".repeat(20)}end`;
    const text = ruleFileText({
      ...exported(),
      content: { ...ruleSet, rules: ruleSet.rules.map((r) => ({ ...r, text: long })) },
    });
    expect(text.split("\n").filter((line) => line.includes(long))).toHaveLength(
      ruleSet.rules.length,
    );
  });

  it("writes the same file whatever order the rules and their fields come in", () => {
    const ruleSet = shippedRuleSet();
    const shuffled = {
      procedures: [...ruleSet.procedures].reverse(),
      rules: [...ruleSet.rules].reverse().map(({ source, band, id, ...rest }) => ({
        source,
        ...rest,
        band: { ...(band.upper && { upper: band.upper }), lower: band.lower },
        id,
      })),
    };
    for (const format of RULE_FILE_FORMATS)
      expect(ruleFileText({ ...exported(format), content: shuffled })).toBe(
        ruleFileText(exported(format)),
      );
  });

  it("puts bounds and periods on one line each, and writes no band label", () => {
    const text = ruleFileText(exported());
    expect(text).toContain("      lower: { value: 0, unit: years, inclusive: true }\n");
    expect(text).toContain("    effective: { from: 2015-01-01 }\n");
    expect(text).not.toContain("label");
  });

  it("names the schema for editors, as a path from the file's folder", () => {
    const folder = scratch();
    const [first] = readFileSync(
      (writeRuleFiles(join(folder, "v3.yaml"), exported()) as { value: string[] }).value[0] ?? "",
      "utf8",
    ).split("\n");
    const reference = first?.match(/^# yaml-language-server: \$schema=(.+)$/)?.[1] ?? "";
    expect(resolve(folder, reference)).toBe(RULE_FILE_SCHEMA_PATH);
    const json = JSON.parse(ruleFileText(exported("json"), folder));
    expect(resolve(folder, json.$schema)).toBe(RULE_FILE_SCHEMA_PATH);
    expect(json.baseVersion).toBe(3);
  });

  it("writes a folder as one file per procedure, each with the base version", () => {
    const folder = `${scratch()}/v3/`;
    const written = writeRuleFiles(folder, exported());
    const names = readdirSync(folder).sort();
    expect(names).toEqual(
      shippedRuleSet()
        .procedures.map((p) => `${p.key}.yaml`)
        .sort(),
    );
    expect(written.ok && written.value).toHaveLength(names.length);
    for (const name of names)
      expect(parse(readFileSync(join(folder, name), "utf8")).baseVersion).toBe(3);
    expect(readBack(folder)).toEqual({
      checksum: ruleSetChecksum(shippedRuleSet()),
      baseVersion: 3,
    });
  });

  it("refuses a folder holding rule files the export would not replace", () => {
    const folder = scratch();
    writeFileSync(join(folder, "old-procedure.yaml"), "rules: []\n");
    expect(writeRuleFiles(folder, exported())).toEqual({
      ok: false,
      error: expect.stringContaining(
        "holds rule files this export would not replace (old-procedure.yaml)",
      ),
    });
  });

  it("refuses a folder whose files name different base versions", () => {
    const folder = `${scratch()}/v3/`;
    writeRuleFiles(folder, exported());
    const [first = "", second = ""] = readdirSync(folder).sort();
    const other = join(folder, second);
    writeFileSync(other, readFileSync(other, "utf8").replace("baseVersion: 3", "baseVersion: 4"));
    expect(readRuleFilesWithBase(folder)).toEqual({
      ok: false,
      error: `${other}: baseVersion 4 disagrees with ${join(folder, first)}, whose baseVersion is 3; the files of a folder come from one export`,
    });
  });

  it("refuses a base version that is not a version number, and an unknown top-level field", () => {
    const folder = scratch();
    const file = join(folder, "bad.yaml");
    writeFileSync(file, "baseVersion: two\nrules: []\n");
    expect(readRuleFilesWithBase(file)).toEqual({
      ok: false,
      error: `${file}: baseVersion must be the number of a version (1 or more)`,
    });
    writeFileSync(file, "basVersion: 2\nrules: []\n");
    expect(readRuleFilesWithBase(file)).toEqual({
      ok: false,
      error: `${file}: unknown field(s) basVersion`,
    });
    expect(dirname(file)).toBe(folder);
  });
});
