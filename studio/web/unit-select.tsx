/** A unit for a number typed beside it (years, months, days; weeks, days), labelled for screen readers. */
export const UnitSelect = <U extends string>({
  id,
  label,
  units,
  unit,
  onChange,
}: {
  id: string;
  label: string;
  units: readonly U[];
  unit: U;
  onChange: (unit: U) => void;
}) => (
  <>
    <label for={id} class="visually-hidden">
      {label}
    </label>
    <select
      id={id}
      value={unit}
      onChange={(event) => {
        const chosen = units.find((one) => one === event.currentTarget.value);
        if (chosen) onChange(chosen);
      }}
    >
      {units.map((one) => (
        <option key={one} value={one}>
          {one}
        </option>
      ))}
    </select>
  </>
);
