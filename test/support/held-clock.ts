import { vi } from "vitest";

export interface HeldClock {
  advance(ms: number): void;
  release(): void;
}

/**
 * Holds `performance.now()` still until the test moves it. A RuleLoader given no clock of its own
 * (the service's, the local server's) runs its TTL on it, so a TTL can be tested to the
 * millisecond without waiting for it, whatever the machine's speed.
 */
export const holdPerformanceClock = (): HeldClock => {
  // A whole number of milliseconds, so that advancing by 999 and then 1 lands exactly on 1000
  // later: with a fractional start, floating-point sums can fall just short of it.
  let at = Math.ceil(performance.now());
  const now = vi.spyOn(performance, "now").mockImplementation(() => at);
  return {
    advance: (ms) => {
      at += ms;
    },
    release: () => now.mockRestore(),
  };
};
