import { type ChangeRequest, isOpen, withoutContent } from "../admin/change-request.js";
import type { Side } from "../admin/request-rebase.js";
import type { StoreRefusal } from "../admin/store-refusal.js";
import { diffRuleSets } from "../core/diff.js";
import { impactJson } from "../core/impact.js";
import type { Result } from "../core/result.js";
import { describeProblems } from "../core/rule-problem.js";
import { CliError, refused } from "./cli-error.js";
import { actingAs, type Context, describeActive, type Output, store } from "./command-context.js";
import { EXIT } from "./exit-codes.js";
import { formatDiff, formatImpact } from "./format.js";
import { formatRequest, formatRequests } from "./format-request.js";
import { authorityOf, type BreakGlassOptions } from "./options.js";
import { readServable } from "./rule-file-checks.js";

/* `code-rules change ...`: change requests, proposed by one admin and approved by another. */

/** The store's answer, or its refusal thrown as the CLI reports it. */
const settled = <T>(result: Result<T, StoreRefusal>): T => {
  if (!result.ok) throw refused(result.error);
  return result.value;
};

const said = (request: ChangeRequest, what: string): Output => ({
  human: `change request ${request.number} ${what}`,
  json: withoutContent(request),
});

export interface CreateOptions {
  readonly message: string;
  readonly description?: string;
  readonly draft?: boolean;
  readonly allowPastChanges?: boolean;
  readonly allowRemovals?: boolean;
}

export const createChange = async (
  context: Context,
  path: string,
  options: CreateOptions,
): Promise<Output> => {
  const { ruleSet, baseVersion } = readServable(path, options);
  const request = settled(
    await store(context).requests.create(
      {
        title: options.message,
        description: options.description,
        content: ruleSet,
        allowPastChanges: options.allowPastChanges,
        allowRemovals: options.allowRemovals,
        draft: options.draft,
        baseVersion,
      },
      await actingAs(context),
    ),
  );
  const next =
    request.state === "draft"
      ? `a draft: \`code-rules change submit ${request.number}\` puts it up for review`
      : `in review: a second person approves it with \`code-rules change approve ${request.number}\``;
  return said(request, `created against ${describeBase(request.baseVersion)}, ${next}`);
};

const describeBase = (version: number | null): string =>
  version === null ? "an empty table" : `version ${version}`;

export const listChanges = async (
  context: Context,
  options: { readonly all?: boolean },
): Promise<Output> => {
  const requests = (await store(context).requests.list()).filter((r) => options.all || isOpen(r));
  return { human: formatRequests(requests), json: requests.map(withoutContent) };
};

export const showChange = async (context: Context, number: number): Promise<Output> => {
  const review = settled(await store(context).requests.review(number));
  const { request, active, verdict, problems, blocked } = review;
  const against = describeActive(active.version);
  const diff = diffRuleSets(active.ruleSet, request.content);
  const blockers = [
    ...(blocked ? [blocked.message] : []),
    ...(verdict?.refusals ?? []).map((r) => r.message),
  ];
  const human = [
    formatRequest(review),
    `changes ${against}:`,
    formatDiff(diff),
    ...(verdict ? [formatImpact(verdict.regions, against)] : []),
    ...(problems.length > 0 ? [`problems:\n${describeProblems(problems)}`] : []),
    blockers.length > 0 && request.state !== "published"
      ? `publishing it now would be refused:\n${blockers.map((b) => `  ${b}`).join("\n")}`
      : "",
  ].filter(Boolean);
  return {
    human: human.join("\n"),
    json: {
      ...withoutContent(request),
      activeVersion: active.version ?? null,
      approvers: review.approvers,
      approvalsRequired: review.approvalsRequired,
      diff,
      impact: verdict ? impactJson(verdict.regions) : null,
      problems,
      refusals: blockers,
    },
  };
};

export const commentOnChange = async (context: Context, number: number, text: string) =>
  said(
    settled(await store(context).requests.comment(number, text, await actingAs(context))),
    "has your comment",
  );

export const submitChange = async (context: Context, number: number) =>
  said(
    settled(await store(context).requests.submit(number, await actingAs(context))),
    "is in review",
  );

export const approveChange = async (context: Context, number: number): Promise<Output> => {
  const request = settled(await store(context).requests.approve(number, await actingAs(context)));
  return said(
    request,
    request.state === "approved"
      ? `is approved: \`code-rules change publish ${number}\` puts it live`
      : "has your approval; it needs more before it can be published",
  );
};

export const rejectChange = async (context: Context, number: number, reason: string) =>
  said(
    settled(await store(context).requests.reject(number, reason, await actingAs(context))),
    "is rejected",
  );

export const withdrawChange = async (context: Context, number: number) =>
  said(
    settled(await store(context).requests.withdraw(number, await actingAs(context))),
    "is withdrawn",
  );

export const rebaseChange = async (context: Context, number: number): Promise<Output> => {
  const request = settled(await store(context).requests.rebase(number, await actingAs(context)));
  const conflicts = request.conflicts.length;
  return said(
    request,
    `is rebased onto ${describeBase(request.baseVersion)}: ${conflicts === 0 ? "no conflicts" : `${conflicts} conflict(s) to resolve (code-rules change show ${number})`}; approvals given before no longer count`,
  );
};

export const resolveChange = async (
  context: Context,
  number: number,
  key: string,
  options: { readonly keep: Side },
) =>
  said(
    settled(
      await store(context).requests.resolve(number, key, options.keep, await actingAs(context)),
    ),
    `keeps ${options.keep} for ${key}`,
  );

export const publishChange = async (
  context: Context,
  number: number,
  options: { readonly asOf?: string },
): Promise<Output> => {
  const published = await store(context).requests.publish(number, {
    ...(await actingAs(context)),
    asOf: options.asOf,
  });
  if (!published.ok && published.error.kind === "conflict") {
    const { message } = refused(published.error);
    throw new CliError(
      `${message}; rebase it: code-rules change rebase ${number}`,
      undefined,
      published.error,
      EXIT.conflict,
    );
  }
  const { request, version } = settled(published);
  return {
    human: `change request ${number} is published as version ${version.version} (${version.ruleCount} rules, checksum ${version.checksum.slice(0, 12)})`,
    json: { request: withoutContent(request), version },
  };
};

export const approvalsRequired = async (
  context: Context,
  count: number | undefined,
  options: BreakGlassOptions,
): Promise<Output> => {
  const requests = store(context).requests;
  const authority = authorityOf(options);
  const now = settled(
    count === undefined
      ? await requests.approvalsRequired()
      : await requests.setApprovalsRequired(count, { ...(await actingAs(context)), authority }),
  );
  return {
    human: `a change request needs ${now} approval(s) from people other than its author`,
    json: { approvalsRequired: now },
  };
};
