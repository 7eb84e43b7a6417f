import { impactJson } from "../../core/impact.js";
import { type Answer, problemAnswer } from "../../http/answer.js";
import { type Problem, problem } from "../../http/problem.js";
import type { StoreRefusal } from "../store-refusal.js";

type Kind = StoreRefusal["kind"];

/**
 * How each refusal is answered. A record over every kind, so a refusal the store learns to say
 * fails the typecheck here until the API has decided how to answer it.
 */
const AS: Readonly<Record<Kind, "refused" | "not-found" | "meanwhile">> = {
  // What was asked does not go live as asked; the store's sentence says why and what was written.
  "invalid-note": "refused",
  "invalid-rules": "refused",
  unservable: "refused",
  unchanged: "refused",
  "already-active": "refused",
  revoked: "refused",
  tampered: "refused",
  abandoned: "refused",
  "invalid-setting": "refused",
  "request-refused": "refused",
  removals: "refused",
  "past-changes": "refused",
  approval: "refused",
  // Break glass whose alarm could not be raised: the studio never breaks glass, so never hears it.
  "alarm-not-raised": "refused",
  "version-not-found": "not-found",
  "request-not-found": "not-found",
  // The table is not as the page saw it (someone wrote first) or as code-rules wrote it: reading
  // it again, not asking again, is the way on.
  conflict: "meanwhile",
  "changed-meanwhile": "meanwhile",
  "audit-broken": "meanwhile",
  "version-changed": "meanwhile",
};

const base = (refusal: StoreRefusal): Problem => {
  switch (AS[refusal.kind]) {
    case "not-found":
      return problem(
        404,
        refusal.kind === "request-not-found" ? "request-not-found" : "version-not-found",
        refusal.message,
      );
    case "meanwhile":
      return problem(409, "changed-meanwhile", refusal.message, { refused: refusal.kind });
    case "refused":
      return problem(422, "change-refused", refusal.message, { refused: refusal.kind });
  }
};

/** What the page needs to show a refusal where it belongs: problems at their rules, answers that would change. */
const shown = (refusal: StoreRefusal): Partial<Problem> => {
  switch (refusal.kind) {
    case "past-changes":
      return { regions: impactJson(refusal.regions) };
    case "removals":
    case "invalid-rules":
    case "unservable":
      return { problems: refusal.problems.map((one) => ({ ...one })) };
    default:
      return {};
  }
};

/**
 * The store's refusal as a problem, in the store's own words: the API adds no sentence of its
 * own and decides nothing.
 */
export const refusalAnswer = (refusal: StoreRefusal): Answer =>
  problemAnswer({ ...base(refusal), ...shown(refusal) });
