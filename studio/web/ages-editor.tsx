import { AGE_UNITS } from "../../core/age.js";
import type { AgeBand } from "../../core/age-band.js";
import type { CellProps } from "./cell-field.js";
import { type TypedAge, type TypedAges, typedAges } from "./rule-edits.js";
import { UnitSelect } from "./unit-select.js";
import { typedNumber, typedOrNone, WholeNumberInput } from "./whole-number-input.js";
import { agesInWords } from "./words.js";

/** A band's ages said back as they are typed; nothing while the numbers are not numbers yet. */
const saidBack = (band: AgeBand): string => {
  try {
    return agesInWords(band);
  } catch {
    return "";
  }
};

/**
 * A band edited as people say it: from an age (0 is birth) through an age, or "and older" when the
 * second is left empty. `props` names and describes the first number: the cell's own control.
 */
export const AgesEditor = ({
  band,
  rule,
  props,
  onChange,
}: {
  band: AgeBand;
  /** The rule as people tell it, naming the group for screen readers. */
  rule: string;
  props: CellProps;
  onChange: (ages: TypedAges) => void;
}) => {
  const ages = typedAges(band);
  const through = ages.through;
  const setFrom = (from: TypedAge) => onChange({ from, through });
  const setThrough = (next: TypedAge | undefined) => onChange({ from: ages.from, through: next });
  const { id, ...marks } = props;
  return (
    <fieldset class="ages">
      <legend class="visually-hidden">Ages of {rule}</legend>
      <span class="age-end">
        <WholeNumberInput
          id={id}
          label="From age"
          value={ages.from.value}
          marks={marks}
          onText={(text) => setFrom({ ...ages.from, value: typedNumber(text) })}
        />
        <UnitSelect
          id={`${id}-from-unit`}
          label="Unit of the from age"
          units={AGE_UNITS}
          unit={ages.from.unit}
          onChange={(unit) => setFrom({ ...ages.from, unit })}
        />
      </span>
      <span class="age-end">
        <WholeNumberInput
          id={`${id}-through`}
          label="Through age"
          value={through?.value}
          placeholder="and older"
          marks={marks}
          onText={(text) => {
            const value = typedOrNone(text);
            setThrough(
              value === undefined ? undefined : { unit: through?.unit ?? ages.from.unit, value },
            );
          }}
        />
        <UnitSelect
          id={`${id}-through-unit`}
          label="Unit of the through age"
          units={AGE_UNITS}
          unit={through?.unit ?? ages.from.unit}
          onChange={(unit) => through && setThrough({ ...through, unit })}
        />
      </span>
      <span class="said-back" aria-live="polite">
        {saidBack(band)}
      </span>
    </fieldset>
  );
};
