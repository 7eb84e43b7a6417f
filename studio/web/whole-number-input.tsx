import type { CellProps } from "./cell-field.js";

/**
 * A whole number typed, or what was typed where it is not one: kept as it is, so that the checks
 * name it at its cell instead of the page guessing a number.
 */
export const typedNumber = (text: string): number =>
  /^\d+$/.test(text) ? Number(text) : (text as unknown as number);

/** A number as typed, or none where the box is empty: an end of a range left open. */
export const typedOrNone = (text: string): number | undefined =>
  text === "" ? undefined : typedNumber(text);

/**
 * A box for a whole number, 0 or more, with its visible label: an end of the ages or of a limit.
 * `marks` are the cell's (invalid, described by its problems); `id` names the box.
 */
export const WholeNumberInput = ({
  id,
  label,
  value,
  placeholder,
  marks,
  onText,
}: {
  id: string;
  label: string;
  value: number | undefined;
  placeholder?: string;
  marks: Omit<CellProps, "id">;
  onText: (text: string) => void;
}) => (
  <>
    <label for={id}>{label}</label>
    <input
      id={id}
      {...marks}
      type="number"
      min="0"
      step="1"
      inputMode="numeric"
      placeholder={placeholder}
      value={value === undefined ? "" : String(value)}
      onInput={(event) => onText(event.currentTarget.value)}
    />
  </>
);
