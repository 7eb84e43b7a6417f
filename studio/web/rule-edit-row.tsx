import type { Rule } from "../../core/rule-set.js";
import { AgesEditor } from "./ages-editor.js";
import { CellField } from "./cell-field.js";
import { CELL_NAMES, type EditedCell, problemsAt } from "./cell-problems.js";
import { LimitEditCell } from "./limit-edit-cell.js";
import { type LimitKind, limitsInWords } from "./limit-kinds.js";
import { setAges, setEffective, setText, type TextField } from "./rule-edits.js";
import { useStudio } from "./studio-context.js";
import type { WorkingCopyControl } from "./use-working-copy.js";
import { periodInWords } from "./words.js";

/**
 * A rule as a person tells it from the others of its procedure: "33951 from 1 January 2027",
 * "33952 from 1 January 2015 through 31 December 2026"; with its other limits where it has them,
 * as rules that share their ages differ by them ("00834, born at 37 weeks or later, from …").
 */
export const ruleLabel = (rule: Rule): string => {
  const period = periodInWords(rule.effective);
  const limits = limitsInWords(rule);
  return `${rule.code}${limits && `, ${limits},`} ${period.startsWith("from") ? period : `from ${period}`}`;
};

/**
 * One rule of the working copy, every cell editable: its code, ages, the limits its procedure's
 * table shows, first and last dates of service, text and source. Each edit is checked at once,
 * and each problem shown at its cell.
 */
export const RuleEditRow = ({
  rule,
  limits,
  declaredPayers,
  working,
  onRemove,
}: {
  rule: Rule;
  /** The limits the table has columns for. */
  limits: readonly LimitKind[];
  /** The payer programs the rule's procedure declares, for its payer limit to pick from. */
  declaredPayers: readonly string[];
  working: WorkingCopyControl;
  /** Remove was pressed: the procedure asks first, and says it where the row was. */
  onRemove: (rule: Rule) => void;
}) => {
  const { shown } = useStudio();
  const at = (cell: EditedCell) => problemsAt(working.problems, shown, rule.id, cell);
  const label = ruleLabel(rule);
  const named = (cell: EditedCell) => `${CELL_NAMES[cell]}, ${label}`;
  const text = (field: TextField) => (props: object) => (
    <input
      {...props}
      value={rule[field]}
      onInput={(event) =>
        working.edit((c) => setText(c, rule.id, field, event.currentTarget.value))
      }
    />
  );
  const date = (which: "from" | "to") => (props: object) => (
    <input
      {...props}
      type="date"
      value={rule.effective[which] ?? ""}
      onInput={(event) =>
        working.edit((c) => setEffective(c, rule.id, which, event.currentTarget.value))
      }
    />
  );
  return (
    <tr>
      <th scope="row">
        <CellField rule={rule.id} cell="code" label={named("code")} problems={at("code")}>
          {text("code")}
        </CellField>
      </th>
      <td>
        <CellField rule={rule.id} cell="ages" problems={at("ages")}>
          {(props) => (
            <AgesEditor
              band={rule.band}
              rule={label}
              props={props}
              onChange={(ages) => working.edit((c) => setAges(c, rule.id, ages))}
            />
          )}
        </CellField>
      </td>
      {limits.map((kind) => (
        <td key={kind}>
          <LimitEditCell
            rule={rule}
            kind={kind}
            ruleLabel={label}
            declaredPayers={declaredPayers}
            problems={at(kind)}
            working={working}
          />
        </td>
      ))}
      <td>
        <CellField rule={rule.id} cell="from" label={named("from")} problems={at("from")}>
          {date("from")}
        </CellField>
      </td>
      <td>
        <CellField
          rule={rule.id}
          cell="to"
          label={`${named("to")} (empty: no end)`}
          problems={at("to")}
        >
          {date("to")}
        </CellField>
      </td>
      <td>
        <CellField rule={rule.id} cell="text" label={named("text")} problems={at("text")}>
          {(props) => (
            <textarea
              {...props}
              rows={3}
              value={rule.text}
              onInput={(event) =>
                working.edit((c) => setText(c, rule.id, "text", event.currentTarget.value))
              }
            />
          )}
        </CellField>
      </td>
      <td>
        <CellField rule={rule.id} cell="source" label={named("source")} problems={at("source")}>
          {text("source")}
        </CellField>
      </td>
      <td>
        <button type="button" onClick={() => onRemove(rule)}>
          Remove<span class="visually-hidden"> {label}</span>…
        </button>
      </td>
    </tr>
  );
};
