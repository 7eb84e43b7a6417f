import { type MergeConflict, mergeThreeWays } from "../../core/three-way-merge.js";
import type { AdminApi } from "./admin-api.js";
import { type Content, ruleInWords } from "./content.js";
import type { Said } from "./said.js";
import type { WorkingCopy } from "./working-copy.js";

/** A rule or procedure both sides changed, as the person knows it. */
const conflictInWords = (conflict: MergeConflict): string => {
  if (conflict.kind === "procedure") {
    const side = conflict.mine ?? conflict.theirs ?? conflict.base;
    return `the procedure ${side?.name ?? "removed on one side"}`;
  }
  const side = conflict.mine ?? conflict.theirs ?? conflict.base;
  return side ? ruleInWords(side) : "a rule";
};

/** A working copy's edits carried onto another version, or why they cannot be without a choice. */
export type Rebased =
  | { readonly ok: true; readonly content: Content }
  | { readonly ok: false; readonly said: Said };

/**
 * The copy's edits since `base` made again on `onto`, three ways, as the server rebases a request:
 * what either side changed is kept. Where both changed one rule differently, nothing is changed
 * and each such rule is named: the person decides, rather than the page dropping a side.
 */
export const rebaseContent = (
  base: Content,
  onto: { readonly version: number; readonly content: Content },
  mine: Content,
): Rebased => {
  const { merged, conflicts } = mergeThreeWays(base, onto.content, mine);
  if (conflicts.length === 0) return { ok: true, content: merged };
  return {
    ok: false,
    said: {
      kind: "error",
      text: `Not brought up to date: version ${onto.version} changed ${conflicts.length === 1 ? "a rule" : `${conflicts.length} rules`} your working copy changes too, each its own way, and nothing was changed. Put ${conflicts.length === 1 ? "it" : "them"} back as ${conflicts.length === 1 ? "it was" : "they were"} in your copy's version and try again, or discard your copy and start again from version ${onto.version}.`,
      details: conflicts.map(conflictInWords),
    },
  };
};

/**
 * The request a copy is saved as, brought up to date on the server too: the store saves edits
 * only to a request based on the version in use. Answers the request as it now stands.
 */
export const rebaseRequest = async (
  api: AdminApi,
  request: NonNullable<WorkingCopy["request"]>,
): Promise<{ ok: true; request: WorkingCopy["request"] } | { ok: false; said: Said }> => {
  const stepped = await api.step(request.number, "rebase");
  if (!stepped.ok)
    return {
      ok: false,
      said: {
        kind: "error",
        text: `Not brought up to date: ${stepped.problem.detail ?? "the server refused"}.`,
      },
    };
  const now = stepped.value.request;
  return {
    ok: true,
    request: { number: now.number, revision: now.revision, draft: now.state === "draft" },
  };
};
