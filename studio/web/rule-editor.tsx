import { AGE_UNITS } from "../../core/age.js";
import type { RuleProblem } from "../../core/rule-problem.js";
import type { Procedure, Rule } from "../../core/rule-set.js";
import { servedText } from "../../core/served-text.js";
import {
  BoundEditor,
  CoverageEditor,
  GestationLimitsEditor,
  OptionalBound,
} from "./bound-editors.js";
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
  setCoverage,
  setGestationBound,
  setProcedure,
  setRuleText,
} from "./draft.js";
import { type Edit, Field, inputValue, ProblemList } from "./form-fields.js";
import { ProcedurePicture } from "./picture.js";

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
  // The ages are said from the bounds, which mean nothing while one of them is refused.
  const servedShown =
    rule.text.trim() !== "" &&
    !problems.some((problem) =>
      /^(band|gestationalAgeAtBirth|postConceptionAge)\b/.test(problem.field),
    );
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
            <>
              <textarea
                {...props}
                rows={2}
                value={rule.text}
                onInput={(event) => edit((d) => setRuleText(d, index, "text", inputValue(event)))}
              />
              {servedShown && (
                <p class="hint" id={`${id}-served`}>
                  Callers read: {servedText(rule)}
                </p>
              )}
            </>
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
