import type { Content } from "./content.js";

/**
 * A coding manager's change in progress: the rules as they edit them, the version they started
 * from, and the draft change request that holds it in the table once it has been saved there.
 */
export interface WorkingCopy {
  readonly baseVersion: number | null;
  readonly content: Content;
  readonly title: string;
  readonly allowPastChanges: boolean;
  readonly allowRemovals: boolean;
  /**
   * The change request it is saved as, and the revision last saved; absent until then. `draft`:
   * the request is a draft, out of review, which discarding the copy withdraws.
   */
  readonly request?:
    | { readonly number: number; readonly revision: number; readonly draft: boolean }
    | undefined;
  /** Edits made since it was last saved in the table. */
  readonly unsaved: boolean;
}

/** The part of the browser's storage the page uses: localStorage in the page, a map in tests. */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/**
 * Where a person's working copy is kept in this browser: one per person, so a colleague signing in
 * on the same machine never resumes it. It holds rules and titles only; tokens are never stored.
 */
const keyFor = (subject: string): string => `code-rules.studio.working-copy.${subject}`;

/** A copy as stored by an earlier page, checked for the shape this one needs before it is trusted. */
const isWorkingCopy = (value: unknown): value is WorkingCopy => {
  const copy = value as Partial<WorkingCopy> | null;
  return (
    typeof copy === "object" &&
    copy !== null &&
    (copy.baseVersion === null || typeof copy.baseVersion === "number") &&
    typeof copy.title === "string" &&
    Array.isArray(copy.content?.procedures) &&
    Array.isArray(copy.content?.rules)
  );
};

export const keepWorkingCopy = (store: KeyValueStore, subject: string, copy: WorkingCopy): void => {
  try {
    store.setItem(keyFor(subject), JSON.stringify(copy));
  } catch {
    // A full or refused storage loses only the copy kept in the browser: the table's draft stays.
  }
};

export const keptWorkingCopy = (store: KeyValueStore, subject: string): WorkingCopy | undefined => {
  const text = store.getItem(keyFor(subject));
  if (text === null) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return isWorkingCopy(parsed)
      ? {
          ...parsed,
          allowPastChanges: parsed.allowPastChanges === true,
          allowRemovals: parsed.allowRemovals === true,
          unsaved: parsed.unsaved !== false,
        }
      : undefined;
  } catch {
    return undefined;
  }
};

export const forgetWorkingCopy = (store: KeyValueStore, subject: string): void =>
  store.removeItem(keyFor(subject));

/** A new working copy of a version's rules: nothing changed yet, nothing saved. */
export const workingCopyOf = (
  baseVersion: number | null,
  content: Content,
  title: string,
): WorkingCopy => ({
  baseVersion,
  content: structuredClone(content),
  title,
  allowPastChanges: false,
  allowRemovals: false,
  unsaved: false,
});
