import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { SHIPPED_RULES_DIR } from "../core/support/shipped-rules.js";
import { editableShippedRules } from "../support/rule-sets.js";
import { cliOnTable } from "./support.js";

// Every test here names its own table with --table: the default one is never created.
const { work, cli, ok, okAs } = cliOnTable("cli-default-unused");

describe("the code-rules CLI", () => {
  describe("on a table of its own, with the shipped rules as version 1", () => {
    const own = `cli-impact-${Date.now()}`;
    const on = (...args: string[]) => ["--table", own, ...args];
    const PERCUTANEOUS = "ecmo-cannula-insertion-percutaneous";

    beforeAll(async () => {
      await ok(...on("init"));
      expect(await ok(...on("publish", SHIPPED_RULES_DIR, "-m", "shipped rules"))).toMatch(
        /\npublished version 1 /,
      );
    });

    /** The shipped rules in one file, with 33952 from the 5th birthday and 33951 through 4 years, both reworded. */
    const movedToFive = (): string => {
      const ruleSet = editableShippedRules();
      for (const rule of ruleSet.rules) {
        if (rule.id === `${PERCUTANEOUS}-33951`) {
          rule.text = "Insert ECMO/ECLS peripheral cannula(s) through the skin";
          rule.band = {
            label: "birth through 4 years",
            lower: { value: 0, unit: "years", inclusive: true },
            upper: { value: 4, unit: "years", inclusive: true },
          };
        }
        if (rule.id === `${PERCUTANEOUS}-33952`) {
          rule.text = "Insert ECMO/ECLS peripheral cannula(s) placed through the skin";
          rule.band = {
            label: "5 years and older",
            lower: { value: 5, unit: "years", inclusive: true },
          };
        }
      }
      const file = join(work, "moved-to-five.yaml");
      writeFileSync(file, stringify({ baseVersion: 1, ...ruleSet }));
      return file;
    };

    const SOLE_LEAVE = (action: string) =>
      `${action} refused: one person alone cannot allow past changes or removals; a change request approved by a second person can, or --break-glass with a reason; nothing was written`;

    const MOVED_REGION = `${PERCUTANEOUS}: ages 5 y 0 m 0 d through 5 y 11 m 30 d, dates of service from 2015-01-01: 33951 → 33952`;

    it("shows the impact of moving 33952's band to 5 years, refuses to publish it over past dates of service, and publishes it when told", async () => {
      const file = movedToFive();
      expect(await ok(...on("impact", "1", file))).toBe(
        [
          `answers that change from version 1 to ${file} (earliest date of service 2015-01-01):`,
          `  ${PERCUTANEOUS}: ages 0 y 0 m 0 d through 4 y 11 m 30 d, dates of service from 2015-01-01: 33951 → 33951 (text changed)`,
          `  ${MOVED_REGION}`,
          `  ${PERCUTANEOUS}: ages 6 y 0 m 0 d and older, dates of service from 2015-01-01: 33952 → 33952 (text changed)`,
          "",
        ].join("\n"),
      );
      const json = JSON.parse(await ok(...on("impact", "1", file, "--json")));
      expect(json.earliestChange).toBe("2015-01-01");
      expect(json.regions[1]).toMatchObject({
        procedure: PERCUTANEOUS,
        ages: {
          atLeast: [{ value: 5, unit: "years" }],
          youngerThan: [{ value: 6, unit: "years" }],
        },
        datesOfService: { from: "2015-01-01" },
        before: { code: "33951" },
        after: { code: "33952" },
        description: MOVED_REGION,
      });

      const dry = await ok(...on("publish", file, "--dry-run"));
      expect(dry).toContain(`\n  ${MOVED_REGION}\n`);
      expect(dry).toMatch(
        /\n\(publish would be refused: it changes answers for dates of service from 2015-01-01, before \d{4}-\d{2}-\d{2} \(--allow-past-changes, on a change request or with --break-glass\); and a change to active version 1 needs a change request approved by someone other than its author \(code-rules change create\), or --break-glass with a reason\)\n$/,
      );

      const refused = await cli(...on("publish", file, "--force"));
      expect(refused.code).toBe(1);
      const [summary, ...regions] = refused.stderr.trimEnd().split("\n");
      expect(summary).toBe(
        `code-rules: publish refused: it changes answers for dates of service from 2015-01-01, before ${new Date().toISOString().slice(0, 10)}; nothing was written (--allow-past-changes, on a change request or with --break-glass, if that is meant)`,
      );
      expect(regions).toContain(`  ${MOVED_REGION}`);
      expect(regions).toHaveLength(3);
      expect(JSON.parse(await ok(...on("list", "--json"))).versions).toHaveLength(1);

      const alone = await cli(...on("publish", file, "--allow-past-changes", "-m", "band at 5"));
      expect(alone.code).toBe(1);
      expect(alone.stderr).toBe(`code-rules: ${SOLE_LEAVE("publish")}\n`);
      expect(JSON.parse(await ok(...on("list", "--json"))).versions).toHaveLength(1);

      const published = await ok(
        ...on(
          "publish",
          file,
          "--allow-past-changes",
          "-m",
          "band at 5",
          "--break-glass",
          "--reason",
          "33952 from 5, per payer",
        ),
      );
      expect(published).toContain(`\n  ${MOVED_REGION}\n`);
      expect(published).toMatch(/\npublished version 2 /);
      const [entry] = JSON.parse(await ok(...on("audit", "--json")));
      expect(entry).toMatchObject({
        action: "publish",
        toVersion: 2,
        allowedPastChanges: true,
        breakGlass: "33952 from 5, per payer",
      });

      const rollback = await cli(...on("rollback", "1"));
      expect(rollback.code).toBe(1);
      expect(rollback.stderr).toMatch(
        /^code-rules: rollback refused: it changes answers for dates of service from 2015-01-01/,
      );
      expect(rollback.stderr).toContain(`: 33952 → 33951\n`);
      const rollbackAlone = await cli(...on("rollback", "1", "--allow-past-changes"));
      expect(rollbackAlone.code).toBe(1);
      expect(rollbackAlone.stderr).toBe(`code-rules: ${SOLE_LEAVE("rollback")}\n`);
      expect(JSON.parse(await ok(...on("list", "--json"))).active).toBe(2);
      expect(
        await ok(
          ...on(
            "rollback",
            "1",
            "--allow-past-changes",
            "--break-glass",
            "--reason",
            "payer withdrew it",
          ),
        ),
      ).toMatch(/\nversion 1 is active again\n$/);
      const [back] = JSON.parse(await ok(...on("audit", "--json")));
      expect(back).toMatchObject({
        action: "rollback",
        fromVersion: 2,
        toVersion: 1,
        allowedPastChanges: true,
        breakGlass: "payer withdrew it",
      });
    });

    it("publishes a yearly update without the flag: old rules end, new ones start on the new year's first date", async () => {
      const ruleSet = editableShippedRules();
      const next = ruleSet.rules
        .filter(
          (rule) => rule.procedure === PERCUTANEOUS && !(rule.effective as { to?: string }).to,
        )
        .map((rule) => {
          rule.effective = { from: "2015-01-01", to: "2026-12-31" };
          return {
            ...rule,
            id: `${rule.id}-2027`,
            text: `${rule.text} (2027 text)`,
            effective: { from: "2027-01-01" },
          };
        });
      ruleSet.rules.push(...next);
      const file = join(work, "yearly-update.yaml");
      writeFileSync(file, stringify({ baseVersion: 1, ...ruleSet }));

      const impact = await ok(...on("impact", "1", file));
      expect(impact).toMatch(
        /^answers that change from version 1 to .* \(earliest date of service 2027-01-01\):\n/,
      );
      expect(impact).toContain(
        `  ${PERCUTANEOUS}: ages 0 y 0 m 0 d through 5 y 11 m 30 d, dates of service from 2027-01-01: 33951 → 33951 (text changed)\n`,
      );
      expect(await okAs("alex")(...on("change", "create", file, "-m", "2027 update"))).toMatch(
        /^change request 1 created against version 1, in review/,
      );
      expect(await okAs("sam")(...on("change", "approve", "1"))).toMatch(
        /^change request 1 is approved/,
      );
      const late = await cli(...on("change", "publish", "1", "--as-of", "2027-01-02"));
      expect(late.code).toBe(1);
      expect(late.stderr).toMatch(/from 2027-01-01, before 2027-01-02;/);
      expect(await ok(...on("change", "publish", "1", "--as-of", "2026-12-15"))).toMatch(
        /^change request 1 is published as version 3 /,
      );
      const [entry] = JSON.parse(await ok(...on("audit", "--json")));
      expect(entry).toMatchObject({
        action: "publish",
        toVersion: 3,
        request: 1,
        proposedBy: "local:alex",
        approvedBy: ["local:sam"],
      });
      expect(entry.allowedPastChanges).toBeUndefined();
      expect(entry.breakGlass).toBeUndefined();
    });

    it("refuses an --as-of that is not a date", async () => {
      const run = await cli(...on("publish", SHIPPED_RULES_DIR, "--as-of", "2026-02-30"));
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(
        /'--as-of <date>' argument '2026-02-30' is invalid. the date 2026-02-30 is not a day of the calendar/,
      );
      // commander repeats the argument it refuses; a terminal escape in it is shown, not sent.
      const escaped = await cli(...on("publish", SHIPPED_RULES_DIR, "--as-of", "2026\u001b[2J"));
      expect(escaped.code).toBe(1);
      expect(escaped.stderr).not.toContain("\u001b");
      expect(escaped.stderr).toContain("argument '2026\\u001b[2J' is invalid");
    });
  });
});
