import { type GridColumn, type GridRow, type GridSort, nextSort } from "./grid-rows.js";
import { useStudio } from "./studio-context.js";
import { TableScroll } from "./table-scroll.js";
import { dateInWords } from "./words.js";

const HEADERS: readonly { column: GridColumn; name: string }[] = [
  { column: "procedureName", name: "Procedure" },
  { column: "code", name: "Code" },
  { column: "ages", name: "Ages" },
  { column: "limits", name: "Other limits" },
  { column: "from", name: "Effective from" },
  { column: "to", name: "Effective to" },
  { column: "text", name: "Text" },
  { column: "source", name: "Source" },
];

/** Rows to mark: rules the working copy adds, changes, or has problems in. */
export interface RowMarks {
  readonly added: ReadonlySet<string>;
  readonly changed: ReadonlySet<string>;
  readonly problems: ReadonlySet<string>;
}

const markOf = (marks: RowMarks, id: string): string[] => [
  ...(marks.added.has(id) ? ["new"] : []),
  ...(marks.changed.has(id) ? ["changed"] : []),
  ...(marks.problems.has(id) ? ["has a problem"] : []),
];

const SortHeader = ({
  column,
  name,
  sort,
  onSort,
}: {
  column: GridColumn;
  name: string;
  sort: GridSort;
  onSort: (sort: GridSort) => void;
}) => {
  const sorted = sort.column === column;
  return (
    <th scope="col" aria-sort={sorted ? sort.direction : undefined}>
      <button type="button" class="sort" onClick={() => onSort(nextSort(sort, column))}>
        {name}
        <span aria-hidden="true" class="sort-mark">
          {sorted ? (sort.direction === "ascending" ? " ▲" : " ▼") : ""}
        </span>
      </button>
    </th>
  );
};

/** The id of a rule's button in the grid, which shows its procedure: Enter in the search goes to it. */
export const showButtonId = (rule: string): string => `show-${rule}`;

const Row = ({
  row,
  selected,
  marks,
  onSelect,
}: {
  row: GridRow;
  selected: boolean;
  marks: readonly string[];
  onSelect: (row: GridRow) => void;
}) => (
  <tr class={[selected && "selected", marks.length > 0 && "marked"].filter(Boolean).join(" ")}>
    <td>{row.procedureName}</td>
    <th scope="row">
      <button
        type="button"
        id={showButtonId(row.id)}
        class="link"
        aria-label={`${row.said}: show its procedure`}
        onClick={() => onSelect(row)}
      >
        {row.code}
      </button>
      {marks.map((mark) => (
        <span key={mark} class={`mark ${mark === "has a problem" ? "problem" : ""}`}>
          {mark}
        </span>
      ))}
    </th>
    <td>{row.ages}</td>
    <td>{row.limits}</td>
    <td>{dateInWords(row.from)}</td>
    <td>{row.to === "" ? "no end" : dateInWords(row.to)}</td>
    <td>{row.text}</td>
    <td class="source">{row.source}</td>
  </tr>
);

/**
 * The rules as a table: one row per rule, every column sortable, each code a button that shows its
 * procedure. Plain rows and no virtual scrolling: a few hundred rules draw at once.
 */
export const RuleGrid = ({
  rows,
  total,
  sort,
  onSort,
  selected,
  onSelect,
  marks,
  editing,
}: {
  rows: readonly GridRow[];
  total: number;
  sort: GridSort;
  onSort: (sort: GridSort) => void;
  /** The procedure shown below the grid. */
  selected: string | undefined;
  onSelect: (row: GridRow) => void;
  marks: RowMarks;
  editing: boolean;
}) => {
  const { active } = useStudio();
  const whose = editing
    ? `Your working copy of version ${active?.meta.version ?? "none"}`
    : `Version ${active?.meta.version ?? "none"}, in use`;
  return (
    <TableScroll labelledBy="grid-caption">
      <table class="grid">
        <caption id="grid-caption">
          {whose}: {rows.length} of {total} rules
        </caption>
        <thead>
          <tr>
            {HEADERS.map(({ column, name }) => (
              <SortHeader key={column} column={column} name={name} sort={sort} onSort={onSort} />
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={HEADERS.length}>No rule matches the search and filters.</td>
            </tr>
          )}
          {rows.map((row) => (
            <Row
              key={row.id}
              row={row}
              selected={row.procedure === selected}
              marks={markOf(marks, row.id)}
              onSelect={onSelect}
            />
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
};
