import type { StoreRefusal } from "../admin/store-refusal.js";
import type { RuleSetDiff } from "../core/diff.js";
import { impactJson } from "../core/impact.js";
import { type Reply, refusedWith } from "./reply.js";

type Kind = StoreRefusal["kind"];

/**
 * The status each refusal is answered with. A record over every kind, so a refusal the store
 * learns to say fails the typecheck here until the studio has decided how to answer it.
 */
const STATUS: Readonly<Record<Kind, number>> = {
  // What was asked does not go live as asked; the store's sentence says why and what was written.
  "invalid-note": 422,
  "invalid-rules": 422,
  unservable: 422,
  unchanged: 422,
  "already-active": 422,
  revoked: 422,
  tampered: 422,
  abandoned: 422,
  "invalid-setting": 422,
  "request-refused": 422,
  removals: 422,
  "past-changes": 422,
  approval: 422,
  // Break glass whose alarm could not be raised: the studio never breaks glass, so never hears it.
  "alarm-not-raised": 422,
  // Nothing of that number to act on.
  "version-not-found": 404,
  "request-not-found": 404,
  // The table is not as the page saw it (someone wrote first) or as code-rules wrote it: reading
  // it again, not asking again, is the way on.
  conflict: 409,
  "changed-meanwhile": 409,
  "audit-broken": 409,
  "version-changed": 409,
};

/** What changed from the version a draft started from to the one active now; null when unreadable. */
export type ConflictDiff = (
  expected: number | null,
  active: number | null,
) => Promise<RuleSetDiff | null>;

/**
 * The store's refusal in the store's own words, with its kind and what the page needs to show it:
 * the problems at their rules, the past answers a move would change, or, for a conflict, what
 * changed in between. The studio adds no sentence of its own and decides nothing.
 */
export const refusalReply = async (refusal: StoreRefusal, diff: ConflictDiff): Promise<Reply> => {
  const said = (extra: object = {}) =>
    refusedWith(STATUS[refusal.kind], refusal.message, { refused: refusal.kind, ...extra });
  switch (refusal.kind) {
    case "conflict": {
      const { expected, active } = refusal;
      return said({ conflict: { expected, active, diff: await diff(expected, active) } });
    }
    case "past-changes":
      return said({ asOf: refusal.asOf, regions: impactJson(refusal.regions) });
    case "removals":
    case "invalid-rules":
    case "unservable":
      return said({ problems: refusal.problems });
    case "request-not-found":
    case "request-refused":
      return said({ request: refusal.request });
    default:
      return said();
  }
};
