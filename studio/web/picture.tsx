import { MAX_AGE_YEARS } from "../../core/age.js";
import { bandEnd, bandStart } from "../../core/age-band.js";
import { type Procedure, type Rule, ruleSchema, withoutBandLabel } from "../../core/rule-set.js";
import { stretches } from "../../core/stretch.js";
import { approximateDays, BIRTH, compareThresholds, type Threshold } from "../../core/threshold.js";
import { edgeLabel } from "./edge-label.js";
import { hasAnyLimit, limitsInWords } from "./limit-kinds.js";
import { TableScroll } from "./table-scroll.js";
import { agesInWords, periodInWords } from "./words.js";

const WIDTH = 1000;
const TOP = 8;
const LANE_HEIGHT = 24;
/** Above a row's bars, its dates of service; below them, its edges' names. */
const ABOVE = 16;
const BELOW = 34;

const lanesOf = (placed: readonly Placed[]): number =>
  Math.max(1, ...placed.map((band) => band.lane + 1));
const LIMIT_DAYS = approximateDays({ value: MAX_AGE_YEARS + 1, unit: "years" });

/** Ages on a log scale: the days of a newborn and the years of an adult both get room. */
const x = (threshold: Threshold | undefined): number =>
  threshold === undefined
    ? WIDTH
    : (Math.log1p(approximateDays(threshold)) / Math.log1p(LIMIT_DAYS)) * WIDTH;

/**
 * A procedure's rules that have the shape of a rule: those can be drawn even while others cannot.
 * Only the procedure's own are parsed, not every rule of the set.
 */
const drawable = (rules: readonly unknown[], procedure: string): Rule[] =>
  rules
    .filter((raw) => (raw as { procedure?: unknown } | null)?.procedure === procedure)
    .flatMap((raw) => {
      const parsed = ruleSchema.safeParse(raw);
      return parsed.success ? [withoutBandLabel(parsed.data)] : [];
    });

interface Placed {
  readonly rule: Rule;
  readonly from: Threshold;
  /** Undefined: no upper end. */
  readonly to: Threshold | undefined;
  readonly start: number;
  readonly end: number;
  readonly lane: number;
}

/**
 * Whether age `a` comes before `b` for every date of birth; no `b`: the end of the axis. Edges
 * in days and months that fall either way ("depends") are the validator's to refuse, not drawn.
 */
const before = (a: Threshold, b: Threshold | undefined): boolean =>
  b === undefined || compareThresholds(a, b) === "before";

/** Bands in lanes: a band that shares ages with another goes below it, in a lane of its own. */
const placeBands = (rules: readonly Rule[]): Placed[] => {
  const laneEnds: (Threshold | undefined)[] = [];
  return [...rules]
    .map((rule) => {
      const from = bandStart(rule.band);
      const to = bandEnd(rule.band);
      return { rule, from, to, start: x(from), end: x(to) };
    })
    .sort((a, b) => a.start - b.start)
    .map((band) => {
      const free = laneEnds.findIndex((end) => end !== undefined && !before(band.from, end));
      const lane = free === -1 ? laneEnds.length : free;
      laneEnds[lane] = band.to;
      return { ...band, lane };
    });
};

/** A code's band as the picture says it: "99478 all ages, weighing under 1,500 g". */
const bandInWords = (rule: Rule): string =>
  [`${rule.code} ${agesInWords(rule.band)}`, limitsInWords(rule)].filter(Boolean).join(", ");

const shareAges = (a: Placed, b: Placed): boolean => before(a.from, b.to) && before(b.from, a.to);

/**
 * How a band shares its ages with others: not at all; split with them by another limit (age from
 * conception, weight, payer), which is meant; or overlapping, which is not.
 */
const sharing = (band: Placed, placed: readonly Placed[]): "" | "split" | "overlap" => {
  const others = placed.filter((other) => other !== band && shareAges(band, other));
  if (others.length === 0) return "";
  return others.every((other) => hasAnyLimit(other.rule) || hasAnyLimit(band.rule))
    ? "split"
    : "overlap";
};

/** Stretches of the age axis no band covers, from birth up to the last band's end. */
const gaps = (placed: readonly Placed[]): { start: number; end: number }[] => {
  const found: { start: number; end: number }[] = [];
  // Covered from birth up to `reached` (excluded); undefined: to the end of the axis.
  let reached: Threshold | undefined = BIRTH;
  let reachedAt = 0;
  for (const band of placed) {
    if (reached === undefined) break;
    if (before(reached, band.from)) found.push({ start: reachedAt, end: band.start });
    if (band.to === undefined || !before(band.to, reached)) {
      reached = band.to;
      reachedAt = band.end;
    }
  }
  return found;
};

/**
 * A procedure's rules as a picture: an age axis, one row per stretch of dates of service with the
 * same rules, each code's band drawn on it and its edges named. A gap is a hatched stretch; bands
 * split by another limit (age from conception, weight, payer) share their ages in lanes, and an
 * overlap shows in red.
 */
export const ProcedurePicture = ({
  procedure,
  rules,
  place,
}: {
  procedure: Procedure;
  rules: readonly unknown[];
  /** Where on the page it is drawn ("shown", "version-3"), so each picture's ids are its own. */
  place: string;
}) => {
  const own = drawable(rules, procedure.key);
  const rows = stretches(own).map((row) => ({
    ...row,
    period: `dates of service ${periodInWords(row)}`,
    placed: placeBands(row.rules),
  }));
  const id = `picture-${place}-${procedure.key}`;
  const tops: number[] = [];
  let bottom = TOP;
  for (const row of rows) {
    tops.push(bottom);
    bottom += ABOVE + lanesOf(row.placed) * LANE_HEIGHT + BELOW;
  }
  const height = Math.max(bottom, TOP + ABOVE + LANE_HEIGHT + BELOW);
  const summary = rows
    .map(
      (row) =>
        `${row.period}: ${row.rules.length === 0 ? "no rule" : row.rules.map(bandInWords).join("; ")}`,
    )
    .join(". ");
  return (
    <figure class="picture">
      {/* Drawn no smaller than its own size: narrower (at 200% zoom) it scrolls in place, so that
          its words grow with the zoom instead of shrinking to fit. */}
      <TableScroll labelledBy={`${id}-caption`}>
        <svg
          viewBox={`0 0 ${WIDTH} ${height}`}
          role="img"
          aria-labelledby={`${id}-title ${id}-desc`}
          data-procedure={procedure.key}
        >
          <title id={`${id}-title`}>Ages by code: {procedure.name}</title>
          <desc id={`${id}-desc`}>{summary || "no rules"}</desc>
          <defs>
            <pattern
              id={`${id}-gap`}
              width="8"
              height="8"
              patternUnits="userSpaceOnUse"
              patternTransform="rotate(45)"
            >
              <rect width="4" height="8" class="gap-stripe" />
            </pattern>
          </defs>
          {rows.map((row, index) => (
            <PictureRow
              key={row.from}
              y={tops[index] ?? TOP}
              period={row.period}
              placed={row.placed}
              gapFill={`url(#${id}-gap)`}
            />
          ))}
        </svg>
      </TableScroll>
      <figcaption id={`${id}-caption`}>
        Ages by code, for each stretch of dates of service
      </figcaption>
    </figure>
  );
};

const PictureRow = ({
  y,
  period,
  placed,
  gapFill,
}: {
  y: number;
  period: string;
  placed: readonly Placed[];
  gapFill: string;
}) => {
  const barTop = y + ABOVE;
  const bars = lanesOf(placed) * LANE_HEIGHT;
  const edges = new Map<number, string>();
  for (const band of placed) {
    edges.set(Math.round(band.start), edgeLabel(band.from));
    if (band.to) edges.set(Math.round(band.end), edgeLabel(band.to));
  }
  return (
    <g class="picture-row">
      <text x="4" y={y + 11} class="period">
        {period}
      </text>
      <line x1="0" x2={WIDTH} y1={barTop + bars} y2={barTop + bars} class="axis" />
      {gaps(placed).map((gap) => (
        <rect
          key={gap.start}
          x={gap.start}
          y={barTop}
          width={gap.end - gap.start}
          height={bars}
          fill={gapFill}
          class="gap"
        >
          <title>no rule covers these ages</title>
        </rect>
      ))}
      {placed.map((band) => (
        <g key={band.rule.id} class={`band ${sharing(band, placed)}`}>
          <rect
            x={band.start}
            y={barTop + band.lane * LANE_HEIGHT}
            width={Math.max(band.end - band.start, 2)}
            height={LANE_HEIGHT - 1}
          >
            <title>{bandInWords(band.rule)}</title>
          </rect>
          <text
            x={(band.start + band.end) / 2}
            y={barTop + band.lane * LANE_HEIGHT + LANE_HEIGHT / 2 + 5}
            class="code"
          >
            {band.rule.code}
          </text>
        </g>
      ))}
      {[...edges].map(([at, label], index) => (
        <g key={at}>
          <line x1={at} x2={at} y1={barTop - 2} y2={barTop + bars + 4} class="edge" />
          <text
            x={Math.min(Math.max(at, 30), WIDTH - 40)}
            y={barTop + bars + 16 + (index % 2) * 12}
            class="edge-label"
          >
            {label}
          </text>
        </g>
      ))}
    </g>
  );
};
