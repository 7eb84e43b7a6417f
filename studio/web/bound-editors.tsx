import type { ComponentChildren } from "preact";
import { AGE_UNITS } from "../../core/age.js";
import { GESTATION_UNITS, type GestationBound } from "../../core/gestation.js";
import type { RuleProblem } from "../../core/rule-problem.js";
import type { Procedure, Rule } from "../../core/rule-set.js";
import type { Threshold } from "../../core/threshold.js";
import type { GestationLimit, RuleField } from "./draft.js";

import { checked, inputValue, numberAsTyped, ProblemList } from "./form-fields.js";

/** An age bound as the page edits it: a number, a unit, and whether that age itself is in. */
interface Bound<U extends string> {
  readonly value: number;
  readonly unit: U;
  readonly inclusive: boolean;
}

/** An age as a whole number and a unit. */
const AgeInputs = <U extends string>({
  id,
  age,
  units,
  invalid,
  onChange,
}: {
  id: string;
  age: { readonly value: number; readonly unit: U };
  units: readonly U[];
  invalid: boolean;
  onChange: (age: { value: number; unit: U }) => void;
}) => (
  <>
    <label for={`${id}-value`}>Age</label>
    <input
      id={`${id}-value`}
      type="number"
      min="0"
      step="1"
      value={String(age.value)}
      aria-invalid={invalid}
      onInput={(event) => onChange({ value: numberAsTyped(event), unit: age.unit })}
    />
    <label for={`${id}-unit`}>Unit</label>
    <select
      id={`${id}-unit`}
      value={age.unit}
      onChange={(event) => onChange({ value: age.value, unit: inputValue(event) as U })}
    >
      {units.map((unit) => (
        <option key={unit} value={unit}>
          {unit}
        </option>
      ))}
    </select>
  </>
);

export const BoundEditor = <U extends string>({
  id,
  legend,
  bound,
  units,
  inWhat,
  problems,
  onChange,
}: {
  id: string;
  legend: string;
  bound: Bound<U>;
  units: readonly U[];
  /** What the age is in when the bound is inclusive: "the band", "the range". */
  inWhat: string;
  problems: readonly RuleProblem[];
  onChange: (bound: Bound<U>) => void;
}) => (
  <fieldset class={problems.length > 0 ? "bound invalid" : "bound"}>
    <legend>{legend}</legend>
    <AgeInputs
      id={id}
      age={bound}
      units={units}
      invalid={problems.length > 0}
      onChange={(age) => onChange({ ...bound, ...age })}
    />
    <input
      id={`${id}-inclusive`}
      type="checkbox"
      checked={bound.inclusive}
      onChange={(event) => onChange({ ...bound, inclusive: checked(event) })}
    />
    <label for={`${id}-inclusive`}>this age is in {inWhat}</label>
    <ProblemList problems={problems} />
  </fieldset>
);

/**
 * A bound that may be left out: a box to tick, then the bound's editor (`children`, given the
 * bound and where its changes go), starting from `fresh`.
 */
export const OptionalBound = <T extends object>({
  id,
  asked,
  bound,
  fresh,
  problems = [],
  onChange,
  children,
}: {
  id: string;
  /** The box's label: "The band has an upper age bound". */
  asked: string;
  bound: T | undefined;
  fresh: NoInfer<T>;
  /** Shown instead of the editor while the bound is left out. */
  problems?: readonly RuleProblem[];
  onChange: (bound: T | undefined) => void;
  children: (bound: T, onChange: (bound: T) => void) => ComponentChildren;
}) => (
  <div class="optional-bound">
    <input
      id={`${id}-given`}
      type="checkbox"
      checked={bound !== undefined}
      onChange={(event) => onChange(checked(event) ? fresh : undefined)}
    />
    <label for={`${id}-given`}>{asked}</label>
    {bound ? (
      children(bound, onChange)
    ) : (
      // A bound left out can be the problem ("has no upper bound, but…"): it is named here.
      <ProblemList problems={problems} />
    )}
  </div>
);

const GESTATION_LIMITS: readonly { limit: GestationLimit; name: string; fresh: number }[] = [
  { limit: "gestationalAgeAtBirth", name: "gestational age at birth", fresh: 37 },
  { limit: "postConceptionAge", name: "post-conception age", fresh: 50 },
];

/** A rule's limits by age from conception: each bound of each one may be given or left out. */
export const GestationLimitsEditor = ({
  id,
  rule,
  problemsAt,
  onChange,
}: {
  id: string;
  rule: Rule;
  problemsAt: (field: RuleField) => readonly RuleProblem[];
  onChange: (limit: GestationLimit, which: "lower" | "upper", bound?: GestationBound) => void;
}) => (
  <fieldset class="limits">
    <legend>
      Limits by age from conception (a patient must be within them and within the band)
    </legend>
    {GESTATION_LIMITS.map(({ limit, name, fresh }) => (
      <div key={limit}>
        {(["lower", "upper"] as const).map((which) => (
          <OptionalBound
            key={which}
            id={`${id}-${limit}-${which}`}
            asked={`Limited by ${which === "lower" ? "a lower" : "an upper"} ${name}`}
            bound={rule[limit]?.[which]}
            fresh={{ value: fresh, unit: "weeks", inclusive: which === "lower" }}
            onChange={(bound) => onChange(limit, which, bound)}
          >
            {(bound, change) => (
              <BoundEditor
                id={`${id}-${limit}-${which}`}
                legend={`${which === "lower" ? "Lower" : "Upper"} ${name}`}
                bound={bound}
                units={GESTATION_UNITS}
                inWhat="the range"
                problems={[]}
                onChange={change}
              />
            )}
          </OptionalBound>
        ))}
        <ProblemList problems={problemsAt(limit)} />
      </div>
    ))}
  </fieldset>
);

/** Where a procedure's coverage starts or stops on purpose: an age, no band needed beyond it. */
export const CoverageEditor = ({
  id,
  procedure,
  onChange,
}: {
  id: string;
  procedure: Procedure;
  onChange: (which: "startsAt" | "stopsAt", threshold?: Threshold) => void;
}) => (
  <fieldset class="limits">
    <legend>Coverage by age (left out: the bands cover every age from birth on)</legend>
    {(["startsAt", "stopsAt"] as const).map((which) => {
      const edge = `${id}-coverage-${which}`;
      const what = which === "startsAt" ? "starts" : "stops";
      return (
        <OptionalBound
          key={which}
          id={edge}
          asked={`Coverage ${what} on purpose at an age`}
          bound={procedure.coverage?.[which]}
          fresh={{ value: 0, unit: "years" }}
          onChange={(threshold) => onChange(which, threshold)}
        >
          {(threshold, change) => (
            <fieldset class="bound">
              <legend>Coverage {what} at</legend>
              <AgeInputs
                id={edge}
                age={threshold}
                units={AGE_UNITS}
                invalid={false}
                onChange={change}
              />
            </fieldset>
          )}
        </OptionalBound>
      );
    })}
  </fieldset>
);
