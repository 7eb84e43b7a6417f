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
  let at = performance.now();
  const now = vi.spyOn(performance, "now").mockImplementation(() => at);
  return {
    advance: (ms) => {
      at += ms;
    },
    release: () => now.mockRestore(),
  };
};
