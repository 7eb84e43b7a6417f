import { AGE_UNITS, type AgeUnit } from "../../core/age.js";
import type { AgeBand } from "../../core/age-band.js";
import type { CellProps } from "./cell-field.js";
import { type TypedAge, type TypedAges, typedAges } from "./rule-edits.js";
import { agesInWords } from "./words.js";

/**
 * A whole number typed, or what was typed where it is not one: kept as it is, so that the checks
 * name it at its cell instead of the page guessing a number.
 */
const typedNumber = (text: string): number =>
  /^\d+$/.test(text) ? Number(text) : (text as unknown as number);

const UnitSelect = ({
  id,
  label,
  unit,
  onChange,
}: {
  id: string;
  label: string;
  unit: AgeUnit;
  onChange: (unit: AgeUnit) => void;
}) => (
  <>
    <label for={id} class="visually-hidden">
      {label}
    </label>
    <select
      id={id}
      value={unit}
      onChange={(event) => onChange(event.currentTarget.value as AgeUnit)}
    >
      {AGE_UNITS.map((one) => (
        <option key={one} value={one}>
          {one}
        </option>
      ))}
    </select>
  </>
);

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
        <label for={id}>From age</label>
        <input
          id={id}
          {...marks}
          type="number"
          min="0"
          step="1"
          inputMode="numeric"
          value={String(ages.from.value)}
          onInput={(event) =>
            setFrom({ ...ages.from, value: typedNumber(event.currentTarget.value) })
          }
        />
        <UnitSelect
          id={`${id}-from-unit`}
          label="Unit of the from age"
          unit={ages.from.unit}
          onChange={(unit) => setFrom({ ...ages.from, unit })}
        />
      </span>
      <span class="age-end">
        <label for={`${id}-through`}>Through age</label>
        <input
          id={`${id}-through`}
          {...marks}
          type="number"
          min="0"
          step="1"
          inputMode="numeric"
          placeholder="and older"
          value={through ? String(through.value) : ""}
          onInput={(event) => {
            const text = event.currentTarget.value;
            setThrough(
              text === ""
                ? undefined
                : { unit: through?.unit ?? ages.from.unit, value: typedNumber(text) },
            );
          }}
        />
        <UnitSelect
          id={`${id}-through-unit`}
          label="Unit of the through age"
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
