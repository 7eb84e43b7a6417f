import { useEffect, useRef, useState } from "preact/hooks";
import type { AdminApi } from "./admin-api.js";
import type { AuditTrail, StoredVersion, VersionList } from "./api-types.js";
import { usePoll } from "./use-poll.js";
import { personName } from "./words.js";

export interface Versions {
  readonly list: VersionList | undefined;
  readonly active: StoredVersion | undefined;
  /** What changed since the page last looked, said plainly; empty when nothing did. */
  readonly notice: string;
  /** Why the versions could not be read, if they could not. */
  readonly failure: string;
  /**
   * Reads the versions again; `quiet` when the person's own action moved them (it says so itself).
   * Answers the version in use as read, or as last read when it could not be read again.
   */
  refresh(quiet?: boolean): Promise<StoredVersion | undefined>;
}

/** Who moved the pointer to `version`, and how, from the newest audit entry that did. */
const movedBy = (trail: AuditTrail | undefined, version: number): string => {
  const entry = trail?.entries.find(
    (candidate) =>
      (candidate.action === "publish" || candidate.action === "rollback") &&
      candidate.toVersion === version,
  );
  if (!entry) return `Version ${version} is active now`;
  const who = entry.actorNote ?? personName(entry.actor, trail?.people ?? {});
  return entry.action === "rollback"
    ? `${who} rolled back to version ${version}`
    : `Version ${version} was published by ${who}`;
};

/**
 * The versions and the active version's rules, kept true: read again every 15 seconds and when the
 * page is looked at again, so that a version published by someone else is shown, and said.
 */
export const useVersions = (api: AdminApi): Versions => {
  const [list, setList] = useState<VersionList | undefined>();
  const [active, setActive] = useState<StoredVersion | undefined>();
  const [notice, setNotice] = useState("");
  const [failure, setFailure] = useState("");
  // The version shown, as the last read left it: reads overlap, and each compares with the latest.
  const shown = useRef<number | null | undefined>(undefined);
  // The version in use as the last read left it, for a caller that acts on it at once.
  const inUse = useRef<StoredVersion | undefined>(undefined);
  const show = (version: StoredVersion | undefined) => {
    inUse.current = version;
    setActive(version);
  };

  const refresh = async (quiet = false): Promise<StoredVersion | undefined> => {
    const read = await api.versions();
    if (!read.ok) {
      setFailure(read.problem.detail ?? "The versions could not be read.");
      return inUse.current;
    }
    setFailure("");
    // The same list is kept when nothing in it changed: what depends on it is not read again.
    setList((old) => (JSON.stringify(old) === JSON.stringify(read.value) ? old : read.value));
    const now = read.value.active;
    if (now === shown.current) return inUse.current;
    const first = shown.current === undefined;
    if (now === null) {
      shown.current = now;
      show(undefined);
      setNotice(first ? "" : "No version is active now: the API answers no one.");
      return undefined;
    }
    const [version, trail] = await Promise.all([
      api.version(now),
      first || quiet ? undefined : api.audit(),
    ]);
    // Not taken as shown until its rules are read: the next read tries again.
    if (!version.ok) {
      setFailure(version.problem.detail ?? "The rules could not be read.");
      return inUse.current;
    }
    shown.current = now;
    show(version.value);
    if (!first && !quiet)
      setNotice(`${movedBy(trail?.ok ? trail.value : undefined, now)}: the grid shows it now.`);
    return version.value;
  };

  useEffect(() => void refresh(), []);
  usePoll(() => void refresh());

  return { list, active, notice, failure, refresh };
};
