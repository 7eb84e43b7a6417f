import type { ComponentChildren } from "preact";
import { AGE_UNITS, type AgeUnit } from "../../lambda/core/age.js";
import type { AgeBound } from "../../lambda/core/age-band.js";
import type { Procedure, Rule } from "../../lambda/core/rule-set.js";
import type { RuleProblem } from "../../lambda/core/validate.js";
import {
  addRule,
  type Draft,
  fieldOf,
  problemsOfProcedure,
  problemsOfRule,
  type RuleField,
  removeProcedure,
  removeRule,
  setBound,
  setProcedure,
  setRuleText,
} from "./draft.js";
import { ProcedurePicture } from "./picture.js";

type Edit = (change: (draft: Draft) => Draft) => void;

const inputValue = (event: Event): string => (event.currentTarget as HTMLInputElement).value;
const checked = (event: Event): boolean => (event.currentTarget as HTMLInputElement).checked;

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
    {problems.length > 0 && (
      <ul class="problems" id={`${id}-problems`}>
        {problems.map((problem) => (
          <li key={problem.message}>{problem.message}</li>
        ))}
      </ul>
    )}
  </div>
);

const BoundEditor = ({
  id,
  legend,
  bound,
  problems,
  onChange,
}: {
  id: string;
  legend: string;
  bound: AgeBound;
  problems: readonly RuleProblem[];
  onChange: (bound: AgeBound) => void;
}) => (
  <fieldset class={problems.length > 0 ? "bound invalid" : "bound"}>
    <legend>{legend}</legend>
    <label for={`${id}-value`}>Age</label>
    <input
      id={`${id}-value`}
      type="number"
      min="0"
      step="1"
      value={String(bound.value)}
      aria-invalid={problems.length > 0}
      onInput={(event) => {
        const text = inputValue(event);
        // What is not a whole number stays as typed, so the validator names it.
        onChange({
          ...bound,
          value: /^\d+$/.test(text) ? Number(text) : (text as unknown as number),
        });
      }}
    />
    <label for={`${id}-unit`}>Unit</label>
    <select
      id={`${id}-unit`}
      value={bound.unit}
      onChange={(event) => onChange({ ...bound, unit: inputValue(event) as AgeUnit })}
    >
      {AGE_UNITS.map((unit) => (
        <option key={unit} value={unit}>
          {unit}
        </option>
      ))}
    </select>
    <input
      id={`${id}-inclusive`}
      type="checkbox"
      checked={bound.inclusive}
      onChange={(event) => onChange({ ...bound, inclusive: checked(event) })}
    />
    <label for={`${id}-inclusive`}>this age is in the band</label>
    {problems.length > 0 && (
      <ul class="problems">
        {problems.map((problem) => (
          <li key={problem.message}>{problem.message}</li>
        ))}
      </ul>
    )}
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
      {elsewhere.length > 0 && (
        <ul class="problems">
          {elsewhere.map((problem) => (
            <li key={problem.message}>
              {problem.field}: {problem.message}
            </li>
          ))}
        </ul>
      )}
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
          problems={at("band.lower")}
          onChange={(bound) => edit((d) => setBound(d, index, "lower", bound))}
        />
        <div class="upper">
          <input
            id={`${id}-has-upper`}
            type="checkbox"
            checked={rule.band.upper !== undefined}
            onChange={(event) =>
              edit((d) =>
                setBound(
                  d,
                  index,
                  "upper",
                  checked(event) ? { value: 0, unit: "years", inclusive: true } : undefined,
                ),
              )
            }
          />
          <label for={`${id}-has-upper`}>The band has an upper age bound</label>
          {rule.band.upper && (
            <BoundEditor
              id={`${id}-upper`}
              legend="Upper age bound"
              bound={rule.band.upper}
              problems={at("band.upper")}
              onChange={(bound) => edit((d) => setBound(d, index, "upper", bound))}
            />
          )}
        </div>
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
      {rest.length > 0 && (
        <ul class="problems">
          {rest.map((problem) => (
            <li key={`${problem.field}${problem.message}`}>
              {problem.field}: {problem.message}
            </li>
          ))}
        </ul>
      )}
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
