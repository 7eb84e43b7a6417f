import type {
  ActiveRules,
  MoveAction,
  MoveVerdict,
  PolicyRefusal,
} from "../admin/change-policy.js";
import { createRulesTable } from "../admin/create-table.js";
import type { CheckedMove } from "../admin/move-check.js";
import { diffRuleSets, type RuleSetDiff } from "../core/diff.js";
import { earliestChange, impactJson, ruleSetImpact } from "../core/impact.js";
import type { RuleSet } from "../core/rule-set.js";
import { versionToReplace } from "./base-version.js";
import { ALLOWED_BY, CliError, refused } from "./cli-error.js";
import {
  actingAs,
  type Context,
  describeActive,
  dynamoClientFor,
  type Output,
  readStoredVersion,
  refuseBadNotes,
  store,
} from "./command-context.js";
import { EXIT } from "./exit-codes.js";
import { formatDiff, formatImpact } from "./format.js";
import { authorityOf, type BreakGlassOptions } from "./options.js";
import { readServable, readValid } from "./rule-file-checks.js";

/* The commands that check rule files and move the active pointer: validate, impact, init, publish, rollback, revoke. */

const isVersionNumber = (side: string): boolean => /^\d+$/.test(side);

/** One side of an impact: a version number, or a rule file or folder. */
const readSide = async (context: () => Context, side: string): Promise<RuleSet> =>
  isVersionNumber(side) ? readStoredVersion(context(), Number(side)) : readValid(side).ruleSet;

const nameSide = (side: string): string => (isVersionNumber(side) ? `version ${side}` : side);

export const impact = async (context: () => Context, from: string, to: string): Promise<Output> => {
  const regions = ruleSetImpact(await readSide(context, from), await readSide(context, to));
  return {
    human: formatImpact(regions, `from ${nameSide(from)} to ${nameSide(to)}`),
    json: {
      from,
      to,
      earliestChange: earliestChange(regions) ?? null,
      regions: impactJson(regions),
    },
  };
};

export const init = async (context: Context): Promise<Output> => {
  const outcome = await createRulesTable(dynamoClientFor(context), context.table);
  return {
    human:
      outcome === "created"
        ? `created table ${context.table}`
        : `table ${context.table} already exists`,
    json: { table: context.table, outcome },
  };
};

export const validate = (path: string): Output => {
  const { ruleSet, cases } = readServable(path);
  return {
    human: `${path} is valid: ${ruleSet.rules.length} rules in ${ruleSet.procedures.length} procedures${cases > 0 ? `, ${cases} golden case(s) hold` : ""}`,
    json: {
      valid: true,
      rules: ruleSet.rules.length,
      procedures: ruleSet.procedures.length,
      goldenCases: cases,
    },
  };
};

/** What an admin allows a move to do: the change policy refuses either unless allowed. */
export interface MoveOptions extends BreakGlassOptions {
  /** Dates of service before this one (YYYY-MM-DD; default today in UTC) are past. */
  readonly asOf?: string;
  readonly allowPastChanges?: boolean;
  readonly allowRemovals?: boolean;
}

/** What the admin asks of the policy for a move. */
const moveChange = (options: MoveOptions) => ({
  asOf: options.asOf,
  allowPastChanges: options.allowPastChanges,
  allowRemovals: options.allowRemovals,
  authority: authorityOf(options),
});

export interface PublishOptions extends MoveOptions {
  readonly message?: string;
  readonly expectVersion?: number;
  readonly dryRun?: boolean;
  readonly force?: boolean;
}

/** What the change policy says of a move now, asked of the store; its refusal of the move itself waits for the move. */
const preview = async (
  context: Context,
  action: MoveAction,
  candidate: RuleSet,
  options: MoveOptions,
): Promise<CheckedMove> => {
  const checked = await store(context).previewMove(action, candidate, moveChange(options));
  if (!checked.ok) throw refused(checked.error);
  return checked.value;
};

export const publish = async (
  context: Context,
  path: string,
  options: PublishOptions,
): Promise<Output> => {
  refuseBadNotes(context, options);
  const { ruleSet, baseVersion } = readServable(path, options);
  const { active, verdict } = await preview(context, "publish", ruleSet, options);
  // The version the files replace, which is also the one the impact is measured against.
  const replacing = versionToReplace({ path, baseVersion, ...options, active: active.version });
  // A publish no second person stands behind is refused whatever version the files replace: say that first.
  const unapproved = verdict.refusals.find((refusal) => refusal.kind === "approval");
  if (!replacing.ok && unapproved && !options.dryRun) throw refused(unapproved);
  if (!replacing.ok) throw new CliError(replacing.error, undefined, undefined, EXIT.conflict);
  if (options.dryRun) return dryRun(path, ruleSet, active, verdict);
  const result = await store(context).publish(ruleSet, {
    ...(await actingAs(context)),
    message: options.message,
    expectVersion: replacing.value,
    ...moveChange(options),
  });
  if (!result.ok) throw refused(result.error);
  const meta = result.value;
  return {
    human: `${formatImpact(verdict.regions, describeActive(active.version))}\npublished version ${meta.version} (${meta.ruleCount} rules, checksum ${meta.checksum.slice(0, 12)})`,
    json: { ...meta, impact: impactJson(verdict.regions) },
  };
};

/** Why the policy would refuse, and what would let it through. */
const allowedBy = ({ kind, reason }: PolicyRefusal): string =>
  kind === "approval" ? reason : `${reason} (${ALLOWED_BY[kind]})`;

/** What a publish would do, and whether the change policy would let it, with nothing written. */
const dryRun = (
  path: string,
  ruleSet: RuleSet,
  active: ActiveRules,
  { regions, refusals }: MoveVerdict,
): Output => {
  const diff: RuleSetDiff = diffRuleSets(active.ruleSet, ruleSet);
  const against = describeActive(active.version);
  const verdict =
    refusals.length > 0
      ? `publish would be refused: ${refusals.map(allowedBy).join("; and ")}`
      : "dry run: nothing was written";
  const removals = refusals.find((refusal) => refusal.kind === "removals");
  return {
    human: `${path} is valid: ${ruleSet.rules.length} rules in ${ruleSet.procedures.length} procedures\nchanges ${against}:\n${formatDiff(diff)}\n${formatImpact(regions, against)}\n(${verdict})`,
    json: {
      valid: true,
      activeVersion: active.version ?? null,
      diff,
      impact: impactJson(regions),
      refusedForPastChanges: refusals.some((refusal) => refusal.kind === "past-changes"),
      removals: removals?.problems ?? [],
      written: false,
    },
  };
};

export const rollback = async (
  context: Context,
  version: number,
  options: MoveOptions & { message?: string; expectVersion?: number },
): Promise<Output> => {
  refuseBadNotes(context, options);
  const target = await readStoredVersion(context, version);
  const { active, verdict } = await preview(context, "rollback", target, options);
  const result = await store(context).rollback(version, {
    ...(await actingAs(context)),
    message: options.message,
    expectVersion: options.expectVersion ?? active.version ?? null,
    ...moveChange(options),
  });
  if (!result.ok) throw refused(result.error);
  return {
    human: `${formatImpact(verdict.regions, describeActive(active.version))}\nversion ${version} is active again`,
    json: { active: version, impact: impactJson(verdict.regions) },
  };
};

export const revoke = async (
  context: Context,
  version: number,
  options: { readonly reason: string },
): Promise<Output> => {
  refuseBadNotes(context, options);
  const result = await store(context).revoke(version, {
    ...(await actingAs(context)),
    reason: options.reason,
  });
  if (!result.ok) throw refused(result.error);
  return {
    human: `version ${version} is revoked: it is never served again, even pinned`,
    json: result.value,
  };
};
