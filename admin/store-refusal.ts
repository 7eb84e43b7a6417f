import { type ChangeNotes, changeNoteProblem, type NoteField } from "../core/change-notes.js";
import type { RuleProblem } from "../core/rule-problem.js";
import type { AbandonMark } from "./admin-table.js";
import type { JudgedAction, PolicyRefusal } from "./change-policy.js";

/** Why the store refused a change; every refusal says whether anything was written. */
export type StoreRefusal =
  /** A note about the change (message, reason, actor note) too long or not plain text. Nothing was written. */
  | { readonly kind: "invalid-note"; readonly field: NoteField; readonly message: string }
  | {
      readonly kind: "invalid-rules";
      readonly problems: readonly RuleProblem[];
      readonly message: string;
    }
  | {
      /** Past the limits, or empty: the function could not serve it. Nothing was written. */
      readonly kind: "unservable";
      readonly problems: readonly RuleProblem[];
      readonly message: string;
    }
  | {
      /** Written but not servable, or a write that failed part way: the version is abandoned. */
      readonly kind: "abandoned";
      readonly version: number;
      readonly message: string;
    }
  | {
      readonly kind: "conflict";
      readonly expected: number | null;
      readonly active: number | null;
      readonly message: string;
    }
  | { readonly kind: "unchanged"; readonly version: number; readonly message: string }
  | { readonly kind: "version-not-found"; readonly version: number; readonly message: string }
  | { readonly kind: "already-active"; readonly version: number; readonly message: string }
  /** The version a move named changed while it was made: revoked, or abandoned by gc. Nothing went live. */
  | { readonly kind: "version-changed"; readonly version: number; readonly message: string }
  | { readonly kind: "revoked"; readonly version: number; readonly message: string }
  /** The version as stored disagrees with what was signed (count, checksum, signature): changed outside publish. */
  | { readonly kind: "tampered"; readonly version: number; readonly message: string }
  /** A setting out of its range. Nothing was written. */
  | { readonly kind: "invalid-setting"; readonly message: string }
  | { readonly kind: "request-not-found"; readonly request: number; readonly message: string }
  /** A step the change request's state, or the actor's part in it, does not allow. Nothing was written. */
  | { readonly kind: "request-refused"; readonly request: number; readonly message: string }
  /** The audit trail fails its check: approvals cannot be read from it, so nothing is published. */
  | { readonly kind: "audit-broken"; readonly message: string }
  /** A break-glass move whose alarm could not be raised: it did not go live. */
  | { readonly kind: "alarm-not-raised"; readonly message: string }
  /** Someone else wrote first; nothing was written, and trying again reads what they wrote. */
  | { readonly kind: "changed-meanwhile"; readonly message: string }
  /** The change policy's refusal: removals or past changes not allowed, or approvals missing. */
  | PolicyRefusal;

/**
 * What the admin wrote about a change, refused before anything is read or written when it cannot
 * be kept. The CLI asks it too, so that a dry run says what the publish would.
 */
export const noteRefusal = (notes: ChangeNotes): StoreRefusal | undefined => {
  const problem = changeNoteProblem(notes);
  return (
    problem && {
      kind: "invalid-note",
      ...problem,
      message: `${problem.message}; nothing was written`,
    }
  );
};

export const unservable = (problems: readonly RuleProblem[], what: string): StoreRefusal => ({
  kind: "unservable",
  problems,
  message: `the rule set ${what}: the function could not serve it; nothing was written`,
});

/** A publish that failed after its version was staged: said as it is, the mark written or not. */
export const abandoned = (version: number, why: string, mark: AbandonMark): StoreRefusal => ({
  kind: "abandoned",
  version,
  message: `publish of version ${version} failed: ${why}; ${ABANDON_SAID[mark](version)}`,
});

/** What is said of a failed publish's version, by what is stored: only a mark that was written is claimed. */
const ABANDON_SAID: Record<AbandonMark, (version: number) => string> = {
  abandoned: (version) =>
    `version ${version} is marked abandoned and never served (code-rules gc deletes its items)`,
  staged: (version) =>
    `marking it abandoned failed too, so version ${version} stays staged: it is never served, and code-rules gc collects it once it is stale`,
  unknown: (version) =>
    `marking it abandoned could not be confirmed (the store did not answer): version ${version} is never served either way; code-rules list --all shows which it is, and code-rules gc collects it once it is stale`,
};

export const versionNotFound = (version: number): StoreRefusal => ({
  kind: "version-not-found",
  version,
  message: `version ${version} is not a published version`,
});

/** An error's name and the first line of its message, for an admin's one-line refusal. */
export const oneLine = (error: unknown): string =>
  error instanceof Error ? `${error.name}: ${error.message.split("\n")[0]}` : String(error);

/** Another version is active than the one the change means to replace. Nothing was written. */
export const conflict = (
  action: JudgedAction,
  expected: number | null,
  active: number | null,
): StoreRefusal => {
  const describe = (v: number | null) => (v === null ? "no active version" : `version ${v}`);
  return {
    kind: "conflict",
    expected,
    active,
    message: `expected ${describe(expected)} to be active, but ${describe(active)} is; ${action} refused; nothing was written`,
  };
};

export const requestNotFound = (request: number): StoreRefusal => ({
  kind: "request-not-found",
  request,
  message: `change request ${request} does not exist`,
});

export const requestRefused = (request: number, why: string): StoreRefusal => ({
  kind: "request-refused",
  request,
  message: `change request ${request}: ${why}; nothing was written`,
});

export const changedMeanwhile = (what: string): StoreRefusal => ({
  kind: "changed-meanwhile",
  message: `${what} changed meanwhile (someone else wrote first); nothing was written; read it again and retry`,
});
