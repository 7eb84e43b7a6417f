import { describe, expect, it } from "vitest";
import { claimsProgress, progressLine, REDRAW_MS } from "../../cli/claim-progress.js";

const CLEAR_LINE = "\r\u001b[K";
const MIDWAY = { lines: 431_204, bytesRead: 43_000_000, fileBytes: 100_000_000, seconds: 4 };

/** A stand-in for stderr that keeps what is written, and a clock moved by hand. */
const terminal = (isTTY: boolean) => {
  const written: string[] = [];
  let now = 0;
  return {
    stream: { isTTY, columns: 80, write: (text: string) => written.push(text) },
    written,
    clock: () => now,
    wait: (ms: number) => {
      now += ms;
    },
  };
};

describe("the claims check's progress line", () => {
  it("says the share of the file read, the lines done and the lines a second, after a bar", () => {
    expect(progressLine(MIDWAY, 80)).toBe(
      "[=================                       ]  43%  431,204 lines  107,801 lines/s",
    );
  });

  it("fits a narrow terminal: a shorter bar, then the words alone, never into the last column", () => {
    expect(progressLine(MIDWAY, 50)).toBe("[====      ]  43%  431,204 lines  107,801 lines/s");
    expect(progressLine(MIDWAY, 40)).toBe(" 43%  431,204 lines  107,801 lines/s");
    expect(progressLine(MIDWAY, 20)).toBe(" 43%  431,204 lines");
    for (const columns of [10, 20, 40, 50, 60, 80, 200])
      expect(progressLine(MIDWAY, columns).length).toBeLessThan(columns);
  });

  it("is whole at the end of the file, and says nothing of an empty one but 100%", () => {
    expect(progressLine({ ...MIDWAY, bytesRead: MIDWAY.fileBytes }, 80)).toMatch(/^\[=+\] 100%/);
    expect(progressLine({ lines: 0, bytesRead: 0, fileBytes: 0, seconds: 0 }, 80)).toContain(
      "100%  0 lines  0 lines/s",
    );
  });
});

describe("the claims check's progress, drawn", () => {
  it("draws on a terminal, at most every REDRAW_MS, and clears its line when done", () => {
    const tty = terminal(true);
    const progress = claimsProgress(tty.stream, 1000, tty.clock);
    progress.advance(100, 10);
    tty.wait(REDRAW_MS - 1);
    progress.advance(200, 20);
    tty.wait(1);
    progress.advance(300, 30);
    progress.done();
    // Each drawing returns to the start of the line and clears it, then draws.
    const [first, second, last] = tty.written.map((text) => text.split(CLEAR_LINE));
    expect(tty.written).toHaveLength(3);
    expect(first?.[0]).toBe("");
    expect(first?.[1]).toMatch(/^\[={4} {36}\] {2}10% {2}10 lines {2}0 lines\/s$/);
    expect(second?.[1]).toMatch(/^\[={12} {28}\] {2}30% {2}30 lines {2}150 lines\/s$/);
    expect(last).toEqual(["", ""]);
  });

  it("draws nothing at all when stderr is not a terminal", () => {
    const pipe = terminal(false);
    const progress = claimsProgress(pipe.stream, 1000, pipe.clock);
    progress.advance(500, 50);
    progress.done();
    expect(pipe.written).toEqual([]);
  });
});
