import type { ComponentChildren } from "preact";
import type { CellProps } from "./cell-field.js";
import type { RangeEnd } from "./limit-edits.js";
import { WholeNumberInput } from "./whole-number-input.js";

/** A range's two ends as typed: the first value in and the last; absent where it has no limit. */
export type TypedEnds = Readonly<Partial<Record<RangeEnd, number>>>;

const END_LABELS: Readonly<Record<RangeEnd, string>> = { lower: "From", upper: "Through" };

/**
 * A limit edited as people say it, as the ages are: from a value through a value, each end left
 * empty where the range has no limit that way. `props` names and describes the first number: the
 * cell's own control. `unitOf` draws what stands beside an end's number: a unit to choose, or the
 * one it is always in.
 */
export const RangeEditor = ({
  legend,
  ends,
  props,
  unitOf,
  said,
  onText,
}: {
  legend: string;
  ends: TypedEnds;
  props: CellProps;
  unitOf: (end: RangeEnd, id: string) => ComponentChildren;
  /** The range said back as it is typed. */
  said: string;
  onText: (end: RangeEnd, text: string) => void;
}) => {
  const { id, ...marks } = props;
  const idOf = (end: RangeEnd) => (end === "lower" ? id : `${id}-through`);
  return (
    <fieldset class="range">
      <legend class="visually-hidden">{legend}</legend>
      {(["lower", "upper"] as const).map((end) => (
        <span key={end} class="age-end">
          <WholeNumberInput
            id={idOf(end)}
            label={END_LABELS[end]}
            value={ends[end]}
            placeholder="no limit"
            marks={marks}
            onText={(text) => onText(end, text)}
          />
          {unitOf(end, `${idOf(end)}-unit`)}
        </span>
      ))}
      <span class="said-back" aria-live="polite">
        {said}
      </span>
    </fieldset>
  );
};
