import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { FirstVersionStore } from "../../admin/publish-first-version.js";
import type { StoreRefusal } from "../../admin/store-refusal.js";
import { err } from "../../core/result.js";
import { ruleSetHasProblems } from "../../core/rule-problem.js";
import { SeedRulesRefused, seedRules } from "../../local/seed-rules.js";
import { SHIPPED_RULES_DIR } from "../core/support/shipped-rules.js";

const work = mkdtempSync(join(tmpdir(), "code-rules-seed-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A table with no rules, whose publish answers `refusal`; what it was asked to publish is kept. */
const refusingStore = (refusal: StoreRefusal) => {
  const asked: unknown[] = [];
  const store: FirstVersionStore = {
    activePointer: async () => undefined,
    publish: async (ruleSet) => {
      asked.push(ruleSet);
      return err(refusal);
    },
  };
  return { store, asked };
};

const invalid: StoreRefusal = {
  kind: "invalid-rules",
  problems: [
    { ruleId: "ecmo-older", field: "band", message: "overlaps band 'birth through 6 years'" },
    { ruleId: "ecmo-older", field: "text", message: 'says "6+ years"' },
  ],
  message: ruleSetHasProblems(2),
};

describe("seeding a local table from rule files", () => {
  it("throws, for rules the store refuses as invalid, the refusal's line and then each problem on a line of its own", async () => {
    const { store } = refusingStore(invalid);
    const seeding = seedRules(store, SHIPPED_RULES_DIR, "test");
    await expect(seeding).rejects.toThrow(SeedRulesRefused);
    await expect(seeding).rejects.toThrow(
      `${SHIPPED_RULES_DIR}: the rule set has 2 problem(s); nothing was written\n` +
        "  ecmo-older band: overlaps band 'birth through 6 years'\n" +
        '  ecmo-older text: says "6+ years"',
    );
  });

  it("lists the problems of rules the function could not serve, too", async () => {
    const { store } = refusingStore({
      kind: "unservable",
      problems: [{ field: "rules", message: "past the limit of 5000" }],
      message: "the rule set is past the limits: the function could not serve it",
    });
    await expect(seedRules(store, SHIPPED_RULES_DIR, "test")).rejects.toThrow(
      /could not serve it\n {2}\(rule set\) rules: past the limit of 5000$/,
    );
  });

  it("keeps the rules of a table that has some, without reading them as a problem", async () => {
    const { store, asked } = refusingStore({
      kind: "conflict",
      expected: null,
      active: 3,
      message: "version 3 became active meanwhile",
    });
    await expect(seedRules(store, SHIPPED_RULES_DIR, "test")).resolves.toBe(false);
    expect(asked).toHaveLength(1);
  });

  it("refuses a file it cannot read in one line naming it, before asking the store anything", async () => {
    const file = join(work, "broken.yaml");
    writeFileSync(file, "procedures: [\n");
    const { store, asked } = refusingStore(invalid);
    const seeding = seedRules(store, file, "test");
    await expect(seeding).rejects.toThrow(new RegExp(`^${file}\\b[^\\n]*$`));
    expect(asked).toEqual([]);
  });
});
