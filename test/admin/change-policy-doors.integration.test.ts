import { writeFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { describeProblem, type RuleProblem } from "../../core/rule-problem.js";
import { cliOnTable } from "../cli/support.js";
import {
  type AdminFixture,
  ALEX,
  adminOnFreshTable,
  publishedByOthers,
  SAM,
  today,
} from "../support/admin-fixture.js";
import {
  type EditableRuleSet,
  editableShippedRules,
  withChangedText,
  withFutureText,
} from "../support/rule-sets.js";

let fixture: AdminFixture;
let cli: ReturnType<typeof cliOnTable>;

beforeAll(async () => {
  fixture = await adminOnFreshTable();
  cli = cliOnTable(fixture.table);
});

const withoutVentRemoval = (): EditableRuleSet => {
  const fewer = editableShippedRules();
  fewer.procedures = fewer.procedures.filter((p) => p.key !== "ecmo-left-heart-vent-removal");
  fewer.rules = fewer.rules.filter((r) => r.procedure !== "ecmo-left-heart-vent-removal");
  return fewer;
};

/** A candidate as a door is handed it: its rules, and the version its author started from. */
interface Candidate {
  readonly content: EditableRuleSet;
  readonly baseVersion: number;
}

/** What a door said: "proposed", or its refusal's sentence (plus any problems it named). */
type Said = { readonly sentence: string; readonly problems: readonly string[] };

const said = (problems: readonly RuleProblem[]): string[] => problems.map(describeProblem);

const writeCandidate = ({ content, baseVersion }: Candidate): string => {
  const file = `${cli.work}/candidate.yaml`;
  writeFileSync(file, stringify({ baseVersion, ...content }));
  return file;
};

/** Each door proposes the same candidate as a change request, as alex, and says what it is told. */
const PROPOSING = {
  store: async ({ content, baseVersion }: Candidate): Promise<Said> => {
    const result = await fixture.store.requests.create(
      { title: "a change", content, baseVersion },
      { actor: "alex" },
    );
    if (result.ok) return { sentence: "proposed", problems: [] };
    const { error } = result;
    return { sentence: error.message, problems: "problems" in error ? said(error.problems) : [] };
  },
  cli: async (candidate: Candidate): Promise<Said> => {
    const file = writeCandidate(candidate);
    const run = await cli.cli("change", "create", file, "-m", "a change", "--json");
    if (run.code === 0) return { sentence: "proposed", problems: [] };
    const refusal = JSON.parse(run.stdout) as { problems?: RuleProblem[] };
    return { sentence: run.stderr.split("\n")[0] ?? "", problems: said(refusal.problems ?? []) };
  },
  "studio's API": async ({ content, baseVersion }: Candidate): Promise<Said> => {
    const { status, body } = await fixture.call(ALEX, "POST", "/admin/v1/requests", {
      content,
      baseVersion,
      title: "a change",
      allowPastChanges: false,
    });
    const refused = body as { detail?: string; problems?: RuleProblem[] };
    return status === 201
      ? { sentence: "proposed", problems: [] }
      : { sentence: refused.detail ?? "", problems: said(refused.problems ?? []) };
  },
} as const;

const over1 = (content: EditableRuleSet): Candidate => ({ content, baseVersion: 1 });

/** [what is proposed, the candidate, the policy's sentence, the problems it names]. */
const REFUSALS: readonly [string, () => Candidate, () => string, readonly string[]][] = [
  [
    "a candidate that removes a procedure",
    () => over1(withoutVentRemoval()),
    () =>
      "change request refused: it removes 1 procedure(s) or code(s) that active version 1 answers with; nothing was written",
    [
      "ecmo-left-heart-vent-removal key: procedure ecmo-left-heart-vent-removal of the active version is removed: its selections would be refused",
    ],
  ],
  [
    "a candidate that re-codes dates of service already past, without asking leave",
    () => over1(withChangedText("Percutaneous ECMO cannula insertion")),
    () =>
      `change request refused: it changes answers for dates of service from 2015-01-01, before ${today()}; nothing was written`,
    [],
  ],
  [
    "a candidate built on a version that is not active",
    () => ({ content: withFutureText("Later wording"), baseVersion: 7 }),
    () =>
      "expected version 7 to be active, but version 1 is; change request refused; nothing was written",
    [],
  ],
  [
    "a candidate whose text states an age",
    () => over1(withChangedText("Insert ECMO cannula, patients 6+ years")),
    () => "the rule set has 1 problem(s); nothing was written",
    [
      'ecmo-cannula-insertion-percutaneous-33951 text: says "6+ years": the band states the ages (birth through 5 years); say only the service',
    ],
  ],
];

describe("the change policy, through every door", () => {
  describe.each(REFUSALS)("%s", (_, candidate, sentence, problems) => {
    it.each(Object.keys(PROPOSING) as (keyof typeof PROPOSING)[])(
      "is refused by the %s with the policy's sentence and problems, and nothing is written",
      async (door) => {
        const said = await PROPOSING[door](candidate());
        // A door may say where (the CLI names the file) and how to allow it, around the sentence.
        expect(said.sentence).toContain(sentence());
        expect(said.problems).toEqual(problems);
        expect(await fixture.store.requests.list()).toEqual([]);
      },
    );
  });
});

/** Each door rolls back to version 1 as one admin, asking no leave, and says what it is told. */
const ROLLING_BACK = {
  store: async () => {
    const result = await fixture.store.rollback(1, { actor: "alex", expectVersion: 2 });
    return result.ok ? "rolled back" : result.error.message;
  },
  cli: async () => {
    const run = await cli.cli("rollback", "1", "--expect-version", "2");
    return run.code === 0 ? "rolled back" : (run.stderr.split("\n")[0] ?? "");
  },
  "studio's API": async () => {
    const { status, body } = await fixture.call(SAM, "POST", "/admin/v1/rollback", {
      version: 1,
      expectVersion: 2,
      message: "back out",
    });
    return status === 200 ? "rolled back" : String(body.detail);
  },
} as const;

describe("a rollback that re-codes dates of service already past, through every door", () => {
  beforeAll(async () => {
    await publishedByOthers(
      fixture.store,
      withChangedText("Percutaneous ECMO cannula insertion"),
      "reworded",
    );
  });

  it.each(Object.keys(ROLLING_BACK) as (keyof typeof ROLLING_BACK)[])(
    "is refused by the %s with the policy's sentence, and the pointer stays",
    async (door) => {
      expect(await ROLLING_BACK[door]()).toContain(
        `rollback refused: it changes answers for dates of service from 2015-01-01, before ${today()}; nothing was written`,
      );
      expect((await fixture.store.activePointer())?.version).toBe(2);
    },
  );
});
