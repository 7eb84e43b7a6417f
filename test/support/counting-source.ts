import type { RuleSource } from "../../lambda/rule-source.js";

/** Every read a loader makes, by kind; the pinned-version scenarios count them. */
export interface ReadCounts {
  pointer: number;
  list: number;
  /** Content reads by version. */
  content: Map<number, number>;
}

export const totalContentReads = (reads: ReadCounts): number =>
  [...reads.content.values()].reduce((sum, count) => sum + count, 0);

/** Wraps a source so that each read is counted; `fail` makes every read throw while it is set. */
export const countingSource = (
  source: RuleSource,
): { source: RuleSource; reads: ReadCounts; fail: (error: Error | undefined) => void } => {
  const reads: ReadCounts = { pointer: 0, list: 0, content: new Map() };
  let failure: Error | undefined;
  const attempt = <T>(read: () => Promise<T>): Promise<T> =>
    failure ? Promise.reject(failure) : read();
  return {
    reads,
    fail: (error) => {
      failure = error;
    },
    source: {
      activePointer: (signal) => {
        reads.pointer += 1;
        return attempt(() => source.activePointer(signal));
      },
      listVersions: (signal) => {
        reads.list += 1;
        return attempt(() => source.listVersions(signal));
      },
      versionContent: (version, signal, atMost) => {
        reads.content.set(version, (reads.content.get(version) ?? 0) + 1);
        return attempt(() => source.versionContent(version, signal, atMost));
      },
    },
  };
};
