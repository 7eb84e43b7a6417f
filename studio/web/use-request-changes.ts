import { useMemo } from "preact/hooks";
import { diffRuleSets, type RuleSetDiff } from "../../core/diff.js";
import { type ImpactRegion, ruleSetImpact } from "../../core/impact.js";
import { validateRuleSet } from "../../core/validate.js";
import type { RequestDetail } from "./api-types.js";
import { type Content, EMPTY_CONTENT } from "./content.js";
import { useVersionContent } from "./use-version-content.js";

/** A request in one of these states may still go live; any other is closed for good. */
export const OPEN_STATES: readonly string[] = ["draft", "in-review", "approved"];

/** What a request changes, against which version, said as the page heads it. */
export interface RequestChanges {
  /** The version compared with, once its rules are read; undefined while they are. */
  readonly before: Content | undefined;
  readonly diff: RuleSetDiff | undefined;
  readonly impact: readonly ImpactRegion[];
  /** "From version 1 (in use) to this request" */
  readonly caption: string;
  /** "against version 1, the one in use" */
  readonly against: string;
  /** What the past-dates warning advises, once the request is closed and there is no going on. */
  readonly pastAdvice?: string;
}

const named = (version: number | null | undefined): string => `version ${version ?? "none"}`;

/**
 * An open request is weighed against the version in use, as the server compares it. A closed one
 * is read against the version it was based on: once published, the version in use holds its rules,
 * and comparing with it would say the request changes nothing.
 */
export const useRequestChanges = (detail: RequestDetail | undefined): RequestChanges => {
  const request = detail?.request;
  const open = request === undefined || OPEN_STATES.includes(request.state);
  const version = open ? detail?.active : request.baseVersion;
  const read = useVersionContent(version);
  const before = detail && version === null ? EMPTY_CONTENT : read;
  const closed = useMemo(() => {
    if (!request || open || !before) return undefined;
    const [then, now] = [validateRuleSet(before), validateRuleSet(request.content)];
    return {
      diff: diffRuleSets(before, request.content),
      impact: then.ok && now.ok ? ruleSetImpact(then.value, now.value) : [],
    };
  }, [request, open, before]);
  if (open || !request)
    return {
      before,
      diff: detail?.diff,
      impact: detail?.impact ?? [],
      caption: `From ${named(detail?.active)} (in use) to this request`,
      against: `against ${named(detail?.active)}, the one in use`,
    };
  const became =
    request.publishedVersion === undefined
      ? "this request"
      : `${named(request.publishedVersion)}, which it became`;
  return {
    before,
    diff: closed?.diff,
    impact: closed?.impact ?? [],
    caption: `From ${named(request.baseVersion)}, which it was based on, to ${became}`,
    against: `against ${named(request.baseVersion)}, which it was based on`,
    pastAdvice:
      request.publishedVersion === undefined
        ? "It was not published: no claim's answer changed."
        : "It was published with a second person's leave.",
  };
};
