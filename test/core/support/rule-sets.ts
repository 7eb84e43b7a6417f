import { describeProblems } from "../../../core/rule-problem.js";
import type { RuleSet } from "../../../core/rule-set.js";
import { validateRuleSet } from "../../../core/validate.js";

type Bound = { value: number; unit: "days" | "months" | "years"; inclusive: boolean };

export const bound = (value: number, unit: Bound["unit"], inclusive = true): Bound => ({
  value,
  unit,
  inclusive,
});

/** A rule as an admin writes it, with defaults for everything a test does not care about. */
export const rule = (id: string, overrides: Record<string, unknown> = {}) => ({
  id,
  procedure: "cannula-insertion",
  code: "33951",
  text: "Insert a cannula",
  band: { label: "all ages", lower: bound(0, "years") },
  effective: { from: "2015-01-01" },
  source: "test fixture",
  ...overrides,
});

export const procedure = (key = "cannula-insertion", overrides: Record<string, unknown> = {}) => ({
  key,
  name: `The ${key} procedure`,
  ...overrides,
});

/** Two bands split at the 6th birthday: the shape of the ECMO cannula codes. */
export const splitAtSix = () => [
  rule("young", {
    code: "33951",
    band: { label: "birth through 5 years", lower: bound(0, "years"), upper: bound(5, "years") },
  }),
  rule("older", { code: "33952", band: { label: "6 years and older", lower: bound(6, "years") } }),
];

export const validated = (input: unknown): RuleSet => {
  const result = validateRuleSet(input);
  if (!result.ok) throw new Error(describeProblems(result.error));
  return result.value;
};

type GestationBound = { value: number; unit: "days" | "weeks"; inclusive: boolean };

export const weeks = (value: number, inclusive = true): GestationBound => ({
  value,
  unit: "weeks",
  inclusive,
});

const UNDER_6_MONTHS = {
  lower: bound(0, "months"),
  upper: bound(6, "months", false),
};
const FROM_6_MONTHS = { lower: bound(6, "months") };

/**
 * The shape of the inguinal hernia codes: the first 6 months split by prematurity (born before 37
 * weeks) and by 50 completed weeks after conception; from 6 months on, only the most premature are
 * still within 50 weeks.
 */
export const splitByGestation = () => [
  rule("preterm-young", {
    procedure: "hernia",
    code: "49491",
    band: UNDER_6_MONTHS,
    gestationalAgeAtBirth: { upper: weeks(37, false) },
    postConceptionAge: { upper: weeks(50) },
  }),
  rule("preterm-older", {
    procedure: "hernia",
    code: "49495",
    band: UNDER_6_MONTHS,
    gestationalAgeAtBirth: { upper: weeks(37, false) },
    postConceptionAge: { lower: weeks(50, false) },
  }),
  rule("full-term", {
    procedure: "hernia",
    code: "49495",
    band: UNDER_6_MONTHS,
    gestationalAgeAtBirth: { lower: weeks(37) },
  }),
  rule("very-preterm-past-6-months", {
    procedure: "hernia",
    code: "49491",
    band: FROM_6_MONTHS,
    postConceptionAge: { upper: weeks(50) },
  }),
  rule("past-6-months", {
    procedure: "hernia",
    code: "49500",
    band: FROM_6_MONTHS,
    postConceptionAge: { lower: weeks(50, false) },
  }),
];
