import { useMemo } from "preact/hooks";
import { type GridFilter, NO_FILTER } from "./grid-rows.js";
import { useStudio } from "./studio-context.js";
import { todayUtc } from "./today.js";

/** Narrowing the grid: to one procedure, and to the rules in effect on a date of service. */
export const GridFilters = ({
  filter,
  onFilter,
  shown,
  total,
}: {
  filter: GridFilter;
  onFilter: (filter: GridFilter) => void;
  shown: number;
  total: number;
}) => {
  const { shown: content } = useStudio();
  const procedures = useMemo(
    () => [...content.procedures].sort((a, b) => a.name.localeCompare(b.name)),
    [content.procedures],
  );
  const narrowed = filter.search !== "" || filter.procedure !== "" || filter.inEffectOn !== "";
  return (
    <fieldset class="grid-filters">
      <legend class="visually-hidden">Filter the rules</legend>
      <div class="field">
        <label for="filter-procedure">Procedure</label>
        <select
          id="filter-procedure"
          value={filter.procedure}
          onChange={(event) => onFilter({ ...filter, procedure: event.currentTarget.value })}
        >
          <option value="">Every procedure</option>
          {procedures.map((procedure) => (
            <option key={procedure.key} value={procedure.key}>
              {procedure.name}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="filter-date">In effect on a date of service</label>
        <input
          id="filter-date"
          type="date"
          value={filter.inEffectOn}
          aria-describedby="filter-date-hint"
          onInput={(event) => onFilter({ ...filter, inEffectOn: event.currentTarget.value })}
        />
        <span id="filter-date-hint" class="hint">
          empty: every date
        </span>
      </div>
      <div class="actions">
        <button type="button" onClick={() => onFilter({ ...filter, inEffectOn: todayUtc() })}>
          In effect today
        </button>
        {narrowed && (
          <button type="button" onClick={() => onFilter(NO_FILTER)}>
            Show every rule
          </button>
        )}
      </div>
      <p class="count" role="status">
        {shown === total ? `All ${total} rules shown` : `${shown} of ${total} rules shown`}
      </p>
    </fieldset>
  );
};
