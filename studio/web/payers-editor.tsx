import type { Rule } from "../../core/rule-set.js";
import type { CellProps } from "./cell-field.js";
import { type PayerMode, payerModeOf, payersNamed } from "./limit-edits.js";
import { limitInWords } from "./limit-kinds.js";

const MODES: readonly { mode: PayerMode; words: string }[] = [
  { mode: "any", words: "any payer" },
  { mode: "only", words: "only the payers ticked" },
  { mode: "except", words: "every payer but those ticked" },
];

/**
 * A rule's limit to payer programs: any payer, only some, or all but some, ticked from the
 * programs its procedure declares (and any the rule names that it does not, so that they can be
 * unticked). `props` names and describes the choice of mode: the cell's own control.
 */
export const PayersEditor = ({
  rule,
  declared,
  legend,
  props,
  onChange,
}: {
  rule: Rule;
  /** The payer programs the rule's procedure declares. */
  declared: readonly string[];
  legend: string;
  props: CellProps;
  onChange: (mode: PayerMode, named: readonly string[]) => void;
}) => {
  const mode = payerModeOf(rule);
  const named = payersNamed(rule);
  const offered = [...declared, ...named.filter((payer) => !declared.includes(payer))];
  const tick = (payer: string, ticked: boolean) =>
    onChange(
      mode,
      ticked
        ? offered.filter((one) => one === payer || named.includes(one))
        : named.filter((one) => one !== payer),
    );
  return (
    <fieldset class="payers">
      <legend class="visually-hidden">{legend}</legend>
      <label for={props.id} class="visually-hidden">
        Which payers
      </label>
      <select
        {...props}
        value={mode}
        onChange={(event) => {
          const chosen = MODES.find((one) => one.mode === event.currentTarget.value);
          if (chosen) onChange(chosen.mode, named);
        }}
      >
        {MODES.map((one) => (
          <option key={one.mode} value={one.mode}>
            {one.words}
          </option>
        ))}
      </select>
      {mode !== "any" &&
        offered.map((payer) => (
          <label key={payer} class="check">
            <input
              type="checkbox"
              checked={named.includes(payer)}
              onChange={(event) => tick(payer, event.currentTarget.checked)}
            />
            {payer}
          </label>
        ))}
      {mode !== "any" && offered.length === 0 && (
        <span class="hint">
          This procedure lists no payer programs yet: type them in its payer programs, above the
          table.
        </span>
      )}
      <span class="said-back" aria-live="polite">
        {limitInWords(rule, "payers") ?? ""}
      </span>
    </fieldset>
  );
};
