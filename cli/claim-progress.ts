import { performance } from "node:perf_hooks";

/*
 * The progress of a claims check on a terminal: lines done, lines a second, and how much of the
 * file is read. Counts only: a line's cells (a date of birth, a claim id) are never drawn.
 */

export interface ProgressFigures {
  readonly lines: number;
  readonly bytesRead: number;
  readonly fileBytes: number;
  readonly seconds: number;
}

const BAR_MIN = 10;
const BAR_MAX = 40;
const count = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

/** The progress line, fitted to a terminal `columns` wide. */
export const progressLine = (figures: ProgressFigures, columns: number): string => {
  const { lines, bytesRead, fileBytes, seconds } = figures;
  const share = fileBytes > 0 ? Math.min(1, bytesRead / fileBytes) : 1;
  const perSecond = seconds > 0 ? lines / seconds : 0;
  const percent = `${Math.floor(share * 100)}%`.padStart(4);
  const said = `${percent}  ${count.format(lines)} lines  ${count.format(perSecond)} lines/s`;
  // The bar takes what the words leave of the line, within bounds; the cursor's column stays free.
  const room = Math.min(BAR_MAX, columns - said.length - 4);
  if (room < BAR_MIN) return said.slice(0, Math.max(0, columns - 1));
  const done = Math.round(share * room);
  return `[${"=".repeat(done)}${" ".repeat(room - done)}] ${said}`;
};

/** Where progress is drawn: stderr, or a stand-in for it in a test. */
export interface ProgressTerminal {
  readonly isTTY?: boolean | undefined;
  readonly columns?: number | undefined;
  write(text: string): unknown;
}

export interface Progress {
  /** Where the check is: the file's bytes read so far and the lines done. */
  advance(bytesRead: number, lines: number): void;
  /** Clears the progress line, so that what is printed next starts on a clean line. */
  done(): void;
}

const NO_PROGRESS: Progress = { advance: () => undefined, done: () => undefined };

/** Redraws at most this often: drawing every chunk would cost more than it tells. */
export const REDRAW_MS = 200;
const CLEAR_LINE = "\r\u001b[K";

/**
 * Progress drawn on `terminal` when it is a terminal, and nothing at all when it is not (a pipe,
 * a file, a CI log): each redraw returns to the start of the line and clears it.
 */
export const claimsProgress = (
  terminal: ProgressTerminal,
  fileBytes: number,
  now: () => number = () => performance.now(),
): Progress => {
  if (!terminal.isTTY) return NO_PROGRESS;
  const started = now();
  let drawnAt = Number.NEGATIVE_INFINITY;
  return {
    advance(bytesRead, lines) {
      const at = now();
      if (at - drawnAt < REDRAW_MS) return;
      drawnAt = at;
      const figures = { lines, bytesRead, fileBytes, seconds: (at - started) / 1000 };
      // A terminal of unknown width (0, as a bare pty says) is taken to be 80 columns.
      terminal.write(`${CLEAR_LINE}${progressLine(figures, terminal.columns || 80)}`);
    },
    done() {
      if (drawnAt > Number.NEGATIVE_INFINITY) terminal.write(CLEAR_LINE);
    },
  };
};
