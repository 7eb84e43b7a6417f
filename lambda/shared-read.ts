/**
 * A read made once however many callers ask while it runs: a caller arriving meanwhile waits on
 * the read under way instead of starting another, so a burst of requests costs one read.
 */
export const sharedRead = <T>(read: () => Promise<T>): (() => Promise<T>) => {
  let running: Promise<T> | undefined;
  return () => {
    running ??= read().finally(() => {
      running = undefined;
    });
    return running;
  };
};
