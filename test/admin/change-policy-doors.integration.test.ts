import { writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { cliOnTable } from "../cli/support.js";
import { type StudioFixture, studioOnFreshTable, today } from "../studio/studio-fixture.js";
import {
  type EditableRuleSet,
  editableShippedRules,
  withChangedText,
} from "../support/rule-sets.js";

let fixture: StudioFixture;
let cli: ReturnType<typeof cliOnTable>;

beforeAll(async () => {
  fixture = await studioOnFreshTable();
  cli = cliOnTable(fixture.table);
});

afterAll(async () => {
  await fixture?.stop();
});

const withoutVentRemoval = (): EditableRuleSet => {
  const fewer = editableShippedRules();
  fewer.procedures = fewer.procedures.filter((p) => p.key !== "ecmo-left-heart-vent-removal");
  fewer.rules = fewer.rules.filter((r) => r.procedure !== "ecmo-left-heart-vent-removal");
  return fewer;
};

/** Each door asks for the same publish over version 1, allowing nothing, and says what it is told. */
const DOORS = {
  store: async (candidate: EditableRuleSet) => {
    const result = await fixture.store.publish(candidate, { actor: "alex", expectVersion: 1 });
    return result.ok ? "published" : result.error.message;
  },
  cli: async (candidate: EditableRuleSet) => {
    const file = `${cli.work}/candidate.yaml`;
    writeFileSync(file, stringify(candidate));
    const run = await cli.cli("publish", file, "--expect-version", "1");
    return run.code === 0 ? "published" : run.stderr.split("\n")[0]?.replace(/^code-rules: /, "");
  },
  studio: async (candidate: EditableRuleSet) => {
    const response = await fetch(`${fixture.studio.origin}/api/publish`, {
      method: "POST",
      headers: { cookie: fixture.studio.cookie, origin: fixture.studio.origin },
      body: JSON.stringify({
        content: candidate,
        baseVersion: 1,
        message: "a change",
        allowPastChanges: false,
      }),
    });
    const body = (await response.json()) as { error?: string };
    return response.ok ? "published" : body.error;
  },
} as const;

const REFUSALS: readonly [string, () => EditableRuleSet, () => string][] = [
  [
    "a candidate that removes a procedure",
    withoutVentRemoval,
    () =>
      "publish refused: it removes 1 procedure(s) or code(s) that active version 1 answers with; nothing was written",
  ],
  [
    "a candidate that re-codes dates of service already past",
    () => withChangedText("Percutaneous ECMO cannula insertion, young child"),
    () =>
      `publish refused: it changes answers for dates of service from 2015-01-01, before ${today()}; nothing was written`,
  ],
];

describe("the change policy, through every door", () => {
  describe.each(REFUSALS)("%s", (_, candidate, sentence) => {
    it.each(Object.keys(DOORS) as (keyof typeof DOORS)[])(
      "is refused by the %s with the policy's sentence, and nothing is written",
      async (door) => {
        // A door may add how to allow the move, after the policy's sentence.
        const said = await DOORS[door](candidate());
        expect(said?.slice(0, sentence().length)).toBe(sentence());
        expect((await fixture.store.listVersions()).map((v) => v.version)).toEqual([1]);
      },
    );
  });
});
