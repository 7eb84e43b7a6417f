/** Counts of what a bounded stream of requests got back. */
export interface LoadTally {
  readonly total: number;
  readonly byStatus: Map<number, number>;
  readonly errors: number;
}

/**
 * Sends `request` from `concurrency` loops until `stop()` says so or `maxMs` passes; loopback only,
 * always bounded.
 */
export const loadUntil = async (
  request: () => Promise<Response>,
  options: { concurrency: number; maxMs: number; stop?: () => boolean },
): Promise<LoadTally> => {
  const byStatus = new Map<number, number>();
  let total = 0;
  let errors = 0;
  const deadline = Date.now() + options.maxMs;
  const loop = async () => {
    while (Date.now() < deadline && !options.stop?.()) {
      try {
        const response = await request();
        await response.arrayBuffer();
        byStatus.set(response.status, (byStatus.get(response.status) ?? 0) + 1);
      } catch {
        errors += 1;
      }
      total += 1;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, loop));
  return { total, byStatus, errors };
};
