import { MAX_AGE_YEARS } from "../../lambda/core/age.js";
import { bandEnd, bandLabel, bandStart } from "../../lambda/core/age-band.js";
import {
  type Procedure,
  type Rule,
  ruleSchema,
  withoutBandLabel,
} from "../../lambda/core/rule-set.js";
import { stretches } from "../../lambda/core/stretch.js";
import { approximateDays, type Threshold } from "../../lambda/core/threshold.js";
import { edgeLabel } from "./edge-label.js";

const WIDTH = 1000;
const ROW_HEIGHT = 74;
const TOP = 8;
const LIMIT_DAYS = approximateDays({ value: MAX_AGE_YEARS + 1, unit: "years" });

/** Ages on a log scale: the days of a newborn and the years of an adult both get room. */
const x = (threshold: Threshold | undefined): number =>
  threshold === undefined
    ? WIDTH
    : (Math.log1p(approximateDays(threshold)) / Math.log1p(LIMIT_DAYS)) * WIDTH;

/** The draft's rules that have the shape of a rule: those can be drawn even while others cannot. */
const drawable = (rules: readonly unknown[]): Rule[] =>
  rules.flatMap((raw) => {
    const parsed = ruleSchema.safeParse(raw);
    return parsed.success ? [withoutBandLabel(parsed.data)] : [];
  });

interface Placed {
  readonly rule: Rule;
  readonly start: number;
  readonly end: number;
  readonly lane: number;
}

/** Bands in lanes: a band that overlaps another goes below it, so an overlap shows as a second lane. */
const placeBands = (rules: readonly Rule[]): Placed[] => {
  const laneEnds: number[] = [];
  return [...rules]
    .map((rule) => ({ rule, start: x(bandStart(rule.band)), end: x(bandEnd(rule.band)) }))
    .sort((a, b) => a.start - b.start)
    .map((band) => {
      const free = laneEnds.findIndex((end) => end <= band.start + 0.01);
      const lane = free === -1 ? laneEnds.length : free;
      laneEnds[lane] = band.end;
      return { ...band, lane };
    });
};

/** Stretches of the age axis no band covers, from birth up to the last band's end. */
const gaps = (placed: readonly Placed[]): { start: number; end: number }[] => {
  const found: { start: number; end: number }[] = [];
  let covered = 0;
  for (const band of placed) {
    if (band.start > covered + 0.01) found.push({ start: covered, end: band.start });
    covered = Math.max(covered, band.end);
  }
  return found;
};

const describePeriod = (from: string, next: string | undefined): string =>
  next === undefined
    ? `dates of service from ${from}`
    : `dates of service from ${from} until ${next}`;

/**
 * A procedure's rules as a picture: an age axis, one row per stretch of dates of service with the
 * same rules, each code's band drawn on it and its edges named. A gap is a hatched stretch, an
 * overlap a second lane in red.
 */
export const ProcedurePicture = ({
  procedure,
  rules,
  place,
}: {
  procedure: Procedure;
  rules: readonly unknown[];
  /** Where on the page it is drawn ("draft", "version-3"), so each picture's ids are its own. */
  place: string;
}) => {
  const own = drawable(rules).filter((rule) => rule.procedure === procedure.key);
  const rows = stretches(own);
  const id = `picture-${place}-${procedure.key}`;
  const height = TOP + Math.max(rows.length, 1) * ROW_HEIGHT;
  const summary = rows
    .map(
      (row, index) =>
        `${describePeriod(row.from, rows[index + 1]?.from)}: ${row.rules.length === 0 ? "no rule" : row.rules.map((r) => `${r.code} ${bandLabel(r.band)}`).join("; ")}`,
    )
    .join(". ");
  return (
    <figure class="picture">
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        data-procedure={procedure.key}
      >
        <title id={`${id}-title`}>Age bands of {procedure.key}</title>
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
            y={TOP + index * ROW_HEIGHT}
            period={describePeriod(row.from, rows[index + 1]?.from)}
            placed={placeBands(row.rules)}
            gapFill={`url(#${id}-gap)`}
          />
        ))}
      </svg>
      <figcaption>{procedure.name}</figcaption>
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
  const lanes = Math.max(1, ...placed.map((band) => band.lane + 1));
  const laneHeight = 26 / lanes;
  const barTop = y + 16;
  const edges = new Map<number, string>();
  for (const band of placed) {
    const start = bandStart(band.rule.band);
    const end = bandEnd(band.rule.band);
    edges.set(Math.round(band.start), edgeLabel(start));
    if (end) edges.set(Math.round(band.end), edgeLabel(end));
  }
  return (
    <g class="picture-row">
      <text x="4" y={y + 11} class="period">
        {period}
      </text>
      <line x1="0" x2={WIDTH} y1={barTop + 26} y2={barTop + 26} class="axis" />
      {gaps(placed).map((gap) => (
        <rect
          key={gap.start}
          x={gap.start}
          y={barTop}
          width={gap.end - gap.start}
          height="26"
          fill={gapFill}
          class="gap"
        >
          <title>no rule covers these ages</title>
        </rect>
      ))}
      {placed.map((band) => (
        <g key={band.rule.id} class={lanes > 1 ? "band overlap" : "band"}>
          <rect
            x={band.start}
            y={barTop + band.lane * laneHeight}
            width={Math.max(band.end - band.start, 2)}
            height={laneHeight - 1}
          >
            <title>
              {band.rule.code}: {bandLabel(band.rule.band)}
            </title>
          </rect>
          <text
            x={(band.start + band.end) / 2}
            y={barTop + band.lane * laneHeight + laneHeight / 2 + 5}
            class="code"
          >
            {band.rule.code}
          </text>
        </g>
      ))}
      {[...edges].map(([at, label], index) => (
        <g key={at}>
          <line x1={at} x2={at} y1={barTop - 2} y2={barTop + 30} class="edge" />
          <text
            x={Math.min(Math.max(at, 30), WIDTH - 40)}
            y={barTop + 42 + (index % 2) * 12}
            class="edge-label"
          >
            {label}
          </text>
        </g>
      ))}
    </g>
  );
};
