import { GESTATION_UNITS } from "../../core/gestation.js";
import type { RuleProblem } from "../../core/rule-problem.js";
import type { Rule } from "../../core/rule-set.js";
import { CellField, type CellProps } from "./cell-field.js";
import {
  type GestationField,
  type RangeEnd,
  setGestationEnd,
  setPayerLimit,
  setWeightEnd,
  typedValue,
} from "./limit-edits.js";
import { LIMIT_FIELDS, type LimitKind, limitHeader, limitInWords } from "./limit-kinds.js";
import { PayersEditor } from "./payers-editor.js";
import { RangeEditor, type TypedEnds } from "./range-editor.js";
import { UnitSelect } from "./unit-select.js";
import type { WorkingCopyControl } from "./use-working-copy.js";
import { typedOrNone } from "./whole-number-input.js";

interface EditorProps {
  readonly rule: Rule;
  readonly legend: string;
  readonly props: CellProps;
  readonly working: WorkingCopyControl;
}

const OTHER_END: Readonly<Record<RangeEnd, RangeEnd>> = { lower: "upper", upper: "lower" };

/** What a limit's editor says back: the limit in the API's words, or that there is none yet. */
const saidBack = (rule: Rule, kind: LimitKind): string =>
  limitInWords(rule, kind) ?? (rule[LIMIT_FIELDS[kind]] === undefined ? "no limit" : "");

const endsOf = (range: Rule[GestationField] | Rule["weightGrams"]): TypedEnds => ({
  ...(range?.lower && { lower: typedValue("lower", range.lower) }),
  ...(range?.upper && { upper: typedValue("upper", range.upper) }),
});

/** A limit from conception: each end a completed age in weeks or days. */
const GestationEditor = ({
  rule,
  legend,
  props,
  working,
  kind,
}: EditorProps & { kind: "atBirth" | "sinceConception" }) => {
  const field = LIMIT_FIELDS[kind];
  const range = rule[field];
  const ends = endsOf(range);
  // An end with no limit yet takes the other end's unit, as people count both ends alike.
  const unitOf = (end: RangeEnd) => range?.[end]?.unit ?? range?.[OTHER_END[end]]?.unit ?? "weeks";
  const set = (end: RangeEnd, value: number | undefined, unit = unitOf(end)) =>
    working.edit((content) =>
      setGestationEnd(
        content,
        rule.id,
        field,
        end,
        value === undefined ? undefined : { value, unit },
      ),
    );
  return (
    <RangeEditor
      legend={legend}
      ends={ends}
      props={props}
      said={saidBack(rule, kind)}
      onText={(end, text) => set(end, typedOrNone(text))}
      unitOf={(end, id) => (
        <UnitSelect
          id={id}
          label={`Unit of the ${end === "lower" ? "from" : "through"} value`}
          units={GESTATION_UNITS}
          unit={unitOf(end)}
          onChange={(unit) => {
            const value = ends[end];
            if (value !== undefined) set(end, value, unit);
          }}
        />
      )}
    />
  );
};

/** The present weight: each end in whole grams. */
const WeightEditor = ({ rule, legend, props, working }: EditorProps) => (
  <RangeEditor
    legend={legend}
    ends={endsOf(rule.weightGrams)}
    props={props}
    said={saidBack(rule, "weight")}
    onText={(end, text) =>
      working.edit((content) => setWeightEnd(content, rule.id, end, typedOrNone(text)))
    }
    unitOf={() => (
      <span class="unit" aria-hidden="true">
        g
      </span>
    )}
  />
);

/**
 * One limit of a rule, edited in its cell, each problem of it shown there: the gestational age at
 * birth, the post-conception age, the weight, or the payers (from those the procedure declares).
 */
export const LimitEditCell = ({
  rule,
  kind,
  ruleLabel,
  declaredPayers,
  problems,
  working,
}: {
  rule: Rule;
  kind: LimitKind;
  /** The rule as people tell it (ruleLabel), naming the cell's group for screen readers. */
  ruleLabel: string;
  declaredPayers: readonly string[];
  problems: readonly RuleProblem[];
  working: WorkingCopyControl;
}) => {
  const legend = `${limitHeader(kind)}${kind === "weight" ? " in grams" : ""} of ${ruleLabel}`;
  return (
    <CellField rule={rule.id} cell={kind} problems={problems}>
      {(props) => {
        const editor = { rule, legend, props, working };
        if (kind === "weight") return <WeightEditor {...editor} />;
        if (kind === "payers")
          return (
            <PayersEditor
              rule={rule}
              declared={declaredPayers}
              legend={legend}
              props={props}
              onChange={(mode, named) =>
                working.edit((content) => setPayerLimit(content, rule.id, mode, named))
              }
            />
          );
        return <GestationEditor {...editor} kind={kind} />;
      }}
    </CellField>
  );
};
