import { bandStart } from "../../core/age-band.js";
import type { Rule } from "../../core/rule-set.js";
import { approximateDays } from "../../core/threshold.js";
import { type Content, procedureName, ruleInWords } from "./content.js";
import { limitsInWords } from "./limit-kinds.js";
import { agesInWords } from "./words.js";

/** One rule as the grid shows it: what a coding manager reads, and what it is sorted by. */
export interface GridRow {
  readonly id: string;
  readonly procedure: string;
  readonly procedureName: string;
  readonly code: string;
  readonly ages: string;
  /** The rule as people tell it from its neighbours (ruleInWords): "33952, ages 6 years and older, …". */
  readonly said: string;
  /** Where the band starts, in days: sorting "6 years" after "29 days". */
  readonly agesFrom: number;
  /** Its limits besides the ages ("born before 37 weeks", "for medicare"); empty for none. */
  readonly limits: string;
  readonly from: string;
  /** Empty: no end. */
  readonly to: string;
  readonly text: string;
  readonly source: string;
}

export const GRID_COLUMNS = [
  "procedureName",
  "code",
  "ages",
  "limits",
  "from",
  "to",
  "text",
  "source",
] as const;
export type GridColumn = (typeof GRID_COLUMNS)[number];

export interface GridSort {
  readonly column: GridColumn;
  readonly direction: "ascending" | "descending";
}

/** How the grid is narrowed: words to find, one procedure or all, a date of service or any. */
export interface GridFilter {
  readonly search: string;
  /** A procedure key; empty: every procedure. */
  readonly procedure: string;
  /** YYYY-MM-DD: only rules in effect on that date of service; empty: every rule. */
  readonly inEffectOn: string;
}

export const NO_FILTER: GridFilter = { search: "", procedure: "", inEffectOn: "" };

/** The grid's first order: by procedure name, then by date (a code's history), then by age. */
export const DEFAULT_SORT: GridSort = { column: "procedureName", direction: "ascending" };

/** A band being typed may not say an age yet: it sorts first and says nothing. */
const agesOf = (rule: Rule): { words: string; said: string; from: number } => {
  try {
    return {
      words: agesInWords(rule.band),
      said: ruleInWords(rule),
      from: approximateDays(bandStart(rule.band)),
    };
  } catch {
    return { words: "", said: rule.code, from: 0 };
  }
};

export const gridRows = (content: Content): GridRow[] =>
  content.rules.map((rule) => {
    const ages = agesOf(rule);
    return {
      id: rule.id,
      procedure: rule.procedure,
      procedureName: procedureName(content, rule.procedure),
      code: rule.code,
      ages: ages.words,
      said: ages.said,
      agesFrom: ages.from,
      limits: limitsInWords(rule),
      from: rule.effective.from,
      to: rule.effective.to ?? "",
      text: rule.text,
      source: rule.source,
    };
  });

/** Every word of the search must be found in the row's code, procedure name, text, ages or limits. */
const matches = (row: GridRow, words: readonly string[]): boolean => {
  const haystack = [row.code, row.procedureName, row.text, row.ages, row.limits]
    .join(" ")
    .toLowerCase();
  return words.every((word) => haystack.includes(word));
};

const inEffect = (row: GridRow, date: string): boolean =>
  row.from <= date && (row.to === "" || date <= row.to);

export const filterRows = (rows: readonly GridRow[], filter: GridFilter): GridRow[] => {
  const words = filter.search.toLowerCase().split(/\s+/).filter(Boolean);
  return rows.filter(
    (row) =>
      (filter.procedure === "" || row.procedure === filter.procedure) &&
      (filter.inEffectOn === "" || inEffect(row, filter.inEffectOn)) &&
      matches(row, words),
  );
};

const text = (a: string, b: string): number => a.localeCompare(b, "en", { numeric: true });

/** A rule with no end comes after every end. */
const endDate = (row: GridRow): string => (row.to === "" ? "9999-12-31" : row.to);

const BY: Readonly<Record<GridColumn, (a: GridRow, b: GridRow) => number>> = {
  procedureName: (a, b) => text(a.procedureName, b.procedureName),
  code: (a, b) => text(a.code, b.code),
  ages: (a, b) => a.agesFrom - b.agesFrom,
  limits: (a, b) => text(a.limits, b.limits),
  from: (a, b) => text(a.from, b.from),
  to: (a, b) => text(endDate(a), endDate(b)),
  text: (a, b) => text(a.text, b.text),
  source: (a, b) => text(a.source, b.source),
};

/** Ties fall to the grid's first order, so rows never jump about between two sorts. */
const TIES: readonly ((a: GridRow, b: GridRow) => number)[] = [
  BY.procedureName,
  BY.from,
  BY.ages,
  BY.code,
];

export const sortRows = (rows: readonly GridRow[], { column, direction }: GridSort): GridRow[] => {
  const sign = direction === "ascending" ? 1 : -1;
  return [...rows].sort((a, b) => {
    const first = BY[column](a, b) * sign;
    if (first !== 0) return first;
    for (const tie of TIES) {
      const next = tie(a, b);
      if (next !== 0) return next;
    }
    return 0;
  });
};

/** Clicking a column's header sorts by it; clicking it again turns the order round. */
export const nextSort = (current: GridSort, column: GridColumn): GridSort =>
  current.column === column
    ? { column, direction: current.direction === "ascending" ? "descending" : "ascending" }
    : { column, direction: "ascending" };
