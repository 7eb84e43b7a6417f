import type { ComponentChildren } from "preact";
import { AGE_UNITS } from "../../core/age.js";
import { GESTATION_UNITS, type GestationBound } from "../../core/gestation.js";
import type { Procedure, Rule } from "../../core/rule-set.js";
import type { Threshold } from "../../core/threshold.js";
import type { RuleProblem } from "../../core/validate.js";
import {
  addRule,
  type Draft,
  fieldOf,
  type GestationLimit,
  problemsOfProcedure,
  problemsOfRule,
  type RuleField,
  removeProcedure,
  removeRule,
  setBound,
  setCoverage,
  setGestationBound,
  setProcedure,
  setRuleText,
} from "./draft.js";
import { ProcedurePicture } from "./picture.js";

type Edit = (change: (draft: Draft) => Draft) => void;

const inputValue = (event: Event): string => (event.currentTarget as HTMLInputElement).value;
const checked = (event: Event): boolean => (event.currentTarget as HTMLInputElement).checked;

/** A whole number typed; what is not one stays as typed, so that the validator names it. */
const numberAsTyped = (event: Event): number => {
  const text = inputValue(event);
  return /^\d+$/.test(text) ? Number(text) : (text as unknown as number);
};

/**
 * The validator's problems as a list, none: nothing; `id` ties it to a control, `withField` names
 * each problem's field ("effective.to: …") where the list stands apart from any one field.
 */
const ProblemList = ({
  problems,
  id,
  withField = false,
}: {
  problems: readonly RuleProblem[];
  id?: string;
  withField?: boolean;
}) =>
  problems.length > 0 ? (
    <ul class="problems" id={id}>
      {problems.map((problem) => (
        <li key={`${problem.field}${problem.message}`}>
          {withField && `${problem.field}: `}
          {problem.message}
        </li>
      ))}
    </ul>
  ) : null;

/** A labelled control with the validator's problems for it beneath, tied to it for screen readers. */
const Field = ({
  id,
  label,
  problems,
  children,
}: {
  id: string;
  label: string;
  problems: readonly RuleProblem[];
  children: (props: {
    id: string;
    "aria-invalid": boolean;
    "aria-describedby"?: string;
  }) => ComponentChildren;
}) => (
  <div class={problems.length > 0 ? "field invalid" : "field"}>
    <label for={id}>{label}</label>
    {children({
      id,
      "aria-invalid": problems.length > 0,
      ...(problems.length > 0 && { "aria-describedby": `${id}-problems` }),
    })}
    <ProblemList problems={problems} id={`${id}-problems`} />
  </div>
);

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

const BoundEditor = <U extends string>({
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
const OptionalBound = <T extends object>({
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
const GestationLimitsEditor = ({
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
const CoverageEditor = ({
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

type TextField = "id" | "code" | "source" | "notes" | "effective.from" | "effective.to";

interface TextInput {
  readonly field: TextField;
  readonly label: string;
}

/** The one-line fields above the rule's text, and those below its age band. */
const NAMING_FIELDS: readonly TextInput[] = [
  { field: "id", label: "Rule id" },
  { field: "code", label: "Code" },
];
const DETAIL_FIELDS: readonly TextInput[] = [
  { field: "effective.from", label: "Effective from (YYYY-MM-DD)" },
  { field: "effective.to", label: "Effective to, last date of service (optional)" },
  { field: "source", label: "Source" },
  { field: "notes", label: "Notes (optional)" },
];

const textOf = (rule: Rule, field: TextField): string => {
  if (field === "effective.from") return rule.effective.from;
  if (field === "effective.to") return rule.effective.to ?? "";
  return rule[field] ?? "";
};

const RuleRow = ({
  rule,
  index,
  problems,
  edit,
}: {
  rule: Rule;
  index: number;
  problems: readonly RuleProblem[];
  edit: Edit;
}) => {
  const id = `rule-${index}`;
  const at = (field: RuleField) => problems.filter((problem) => fieldOf(problem) === field);
  const elsewhere = problems.filter((problem) => fieldOf(problem) === undefined);
  const textInputs = (fields: readonly TextInput[]) =>
    fields.map(({ field, label }) => (
      <Field key={field} id={`${id}-${field}`} label={label} problems={at(field)}>
        {(props) => (
          <input
            {...props}
            value={textOf(rule, field)}
            onInput={(event) => edit((d) => setRuleText(d, index, field, inputValue(event)))}
          />
        )}
      </Field>
    ));
  return (
    <fieldset class="rule" aria-label={`Rule ${rule.id}`}>
      <legend>
        Rule {rule.id} <span class="code-badge">{rule.code}</span>
      </legend>
      <ProblemList problems={elsewhere} withField />
      <div class="rule-fields">
        {textInputs(NAMING_FIELDS)}
        <Field id={`${id}-text`} label="Text" problems={at("text")}>
          {(props) => (
            <textarea
              {...props}
              rows={2}
              value={rule.text}
              onInput={(event) => edit((d) => setRuleText(d, index, "text", inputValue(event)))}
            />
          )}
        </Field>
        <BoundEditor
          id={`${id}-lower`}
          legend="Lower age bound"
          bound={rule.band.lower}
          units={AGE_UNITS}
          inWhat="the band"
          problems={at("band.lower")}
          onChange={(bound) => edit((d) => setBound(d, index, "lower", bound))}
        />
        <OptionalBound
          id={`${id}-upper`}
          asked="The band has an upper age bound"
          bound={rule.band.upper}
          fresh={{ value: 0, unit: "years", inclusive: true }}
          problems={at("band.upper")}
          onChange={(bound) => edit((d) => setBound(d, index, "upper", bound))}
        >
          {(bound, change) => (
            <BoundEditor
              id={`${id}-upper`}
              legend="Upper age bound"
              bound={bound}
              units={AGE_UNITS}
              inWhat="the band"
              problems={at("band.upper")}
              onChange={change}
            />
          )}
        </OptionalBound>
        <GestationLimitsEditor
          id={id}
          rule={rule}
          problemsAt={at}
          onChange={(limit, which, bound) =>
            edit((d) => setGestationBound(d, index, limit, which, bound))
          }
        />
        {textInputs(DETAIL_FIELDS)}
      </div>
      <button type="button" onClick={() => edit((d) => removeRule(d, index))}>
        Remove rule {rule.id}
      </button>
    </fieldset>
  );
};

/** A procedure of the draft: its name and key, its picture, and its rules, all editable. */
export const ProcedureEditor = ({
  draft,
  procedure,
  index,
  problems,
  edit,
}: {
  draft: Draft;
  procedure: Procedure;
  index: number;
  problems: readonly RuleProblem[];
  edit: Edit;
}) => {
  const id = `procedure-${index}`;
  const own = problemsOfProcedure(problems, procedure, index);
  const at = (field: string) => own.filter((problem) => problem.field === field);
  const rest = own.filter((problem) => problem.field !== "key" && problem.field !== "name");
  return (
    <section class="procedure" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{procedure.key}</h3>
      <div class="rule-fields">
        <Field id={`${id}-key`} label="Procedure key" problems={at("key")}>
          {(props) => (
            <input
              {...props}
              value={procedure.key}
              onInput={(event) => edit((d) => setProcedure(d, index, "key", inputValue(event)))}
            />
          )}
        </Field>
        <Field id={`${id}-name`} label="Procedure name" problems={at("name")}>
          {(props) => (
            <input
              {...props}
              value={procedure.name}
              onInput={(event) => edit((d) => setProcedure(d, index, "name", inputValue(event)))}
            />
          )}
        </Field>
      </div>
      <CoverageEditor
        id={id}
        procedure={procedure}
        onChange={(which, threshold) => edit((d) => setCoverage(d, index, which, threshold))}
      />
      <ProblemList problems={rest} withField />
      <ProcedurePicture procedure={procedure} rules={draft.content.rules} place="draft" />
      {draft.content.rules.map((rule, ruleIndex) =>
        rule.procedure === procedure.key ? (
          <RuleRow
            key={ruleIndex}
            rule={rule}
            index={ruleIndex}
            problems={problemsOfRule(problems, rule, ruleIndex)}
            edit={edit}
          />
        ) : null,
      )}
      <div class="actions">
        <button type="button" onClick={() => edit((d) => addRule(d, procedure.key))}>
          Add a rule to {procedure.key}
        </button>
        <button type="button" onClick={() => edit((d) => removeProcedure(d, index))}>
          Remove procedure {procedure.key} and its rules
        </button>
      </div>
    </section>
  );
};
