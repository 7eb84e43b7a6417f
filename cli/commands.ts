import { createRulesTable } from "../admin/create-table.js";
import { diffRuleSets, type RuleSetDiff } from "../core/diff.js";
import { earliestChange, type ImpactRegion, impactJson, ruleSetImpact } from "../core/impact.js";
import type { RuleSet } from "../core/rule-set.js";
import { versionToReplace } from "./base-version.js";
import { CliError, refused } from "./cli-error.js";
import {
  actingAs,
  activeRules,
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
import {
  type PastChangeOptions,
  pastChanges,
  type RemovalOptions,
  refusedRemovals,
  refuseRemovals,
  refuseSilentPastChanges,
} from "./move-guards.js";
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

export interface PublishOptions extends PastChangeOptions, RemovalOptions {
  readonly message?: string;
  readonly expectVersion?: number;
  readonly dryRun?: boolean;
  readonly force?: boolean;
}

export const publish = async (
  context: Context,
  path: string,
  options: PublishOptions,
): Promise<Output> => {
  refuseBadNotes(context, options);
  const { ruleSet, baseVersion } = readServable(path, options);
  const active = await activeRules(context);
  // The version the files replace, which is also the one the impact is measured against.
  const replacing = versionToReplace({ path, baseVersion, ...options, active: active.version });
  if (!replacing.ok) throw new CliError(replacing.error, undefined, undefined, EXIT.conflict);
  const regions = ruleSetImpact(active.ruleSet, ruleSet);
  if (options.dryRun) return dryRun(path, ruleSet, active, regions, options);
  refuseRemovals("publish", active, ruleSet, options.allowRemovals);
  refuseSilentPastChanges("publish", active.version, regions, options);
  const result = await store(context).publish(ruleSet, {
    ...(await actingAs(context)),
    message: options.message,
    expectVersion: replacing.value,
    allowPastChanges: options.allowPastChanges,
    allowRemovals: options.allowRemovals,
  });
  if (!result.ok) throw refused(result.error);
  const meta = result.value;
  return {
    human: `${formatImpact(regions, describeActive(active.version))}\npublished version ${meta.version} (${meta.ruleCount} rules, checksum ${meta.checksum.slice(0, 12)})`,
    json: { ...meta, impact: impactJson(regions) },
  };
};

const dryRun = (
  path: string,
  ruleSet: RuleSet,
  active: { version: number | undefined; ruleSet: RuleSet },
  regions: readonly ImpactRegion[],
  options: PastChangeOptions & RemovalOptions,
): Output => {
  const diff: RuleSetDiff = diffRuleSets(active.ruleSet, ruleSet);
  const against = describeActive(active.version);
  const { asOf, past } = pastChanges(active.version, regions, options);
  const refused = past.length > 0;
  const removed = refusedRemovals(active, ruleSet, options.allowRemovals);
  const verdict = refused
    ? `publish would be refused: it changes answers for dates of service from ${earliestChange(past)}, before ${asOf} (--allow-past-changes)`
    : removed.length > 0
      ? `publish would be refused: it removes ${removed.length} procedure(s) or code(s) of the active version (--allow-removals)`
      : "dry run: nothing was written";
  return {
    human: `${path} is valid: ${ruleSet.rules.length} rules in ${ruleSet.procedures.length} procedures\nchanges ${against}:\n${formatDiff(diff)}\n${formatImpact(regions, against)}\n(${verdict})`,
    json: {
      valid: true,
      activeVersion: active.version ?? null,
      diff,
      impact: impactJson(regions),
      refusedForPastChanges: refused,
      removals: removed,
      written: false,
    },
  };
};

export const rollback = async (
  context: Context,
  version: number,
  options: PastChangeOptions & RemovalOptions & { message?: string; expectVersion?: number },
): Promise<Output> => {
  refuseBadNotes(context, options);
  const target = await readStoredVersion(context, version);
  const active = await activeRules(context);
  const regions = ruleSetImpact(active.ruleSet, target);
  refuseRemovals("rollback", active, target, options.allowRemovals);
  refuseSilentPastChanges("rollback", active.version, regions, options);
  const result = await store(context).rollback(version, {
    ...(await actingAs(context)),
    message: options.message,
    expectVersion: options.expectVersion ?? active.version ?? null,
    allowPastChanges: options.allowPastChanges,
  });
  if (!result.ok) throw refused(result.error);
  return {
    human: `${formatImpact(regions, describeActive(active.version))}\nversion ${version} is active again`,
    json: { active: version, impact: impactJson(regions) },
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
