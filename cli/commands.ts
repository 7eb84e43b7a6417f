import { bandLabel } from "../lambda/core/age-band.js";
import { diffRuleSets, type RuleSetDiff } from "../lambda/core/diff.js";
import { describeCaseProblem, runGoldenCases } from "../lambda/core/golden-cases.js";
import {
  earliestChange,
  type ImpactRegion,
  impactJson,
  ruleSetImpact,
} from "../lambda/core/impact.js";
import { limitProblems } from "../lambda/core/limits.js";
import { refusedPastRegions } from "../lambda/core/past-changes.js";
import { validateForPublish } from "../lambda/core/publish-checks.js";
import { removalProblems } from "../lambda/core/removals.js";
import type { RuleSet } from "../lambda/core/rule-set.js";
import {
  describeProblems,
  EMPTY_RULE_SET,
  type RuleProblem,
  validateRuleSet,
} from "../lambda/core/validate.js";
import { verifierFor } from "../lambda/signing/signature.js";
import { createRulesTable } from "../lambda/store/create-table.js";
import { createDynamoClient } from "../lambda/store/dynamodb-client.js";
import {
  type Change,
  noteRefusal,
  RuleStore,
  type StoreRefusal,
} from "../lambda/store/rule-store.js";
import { todayUtc } from "../lambda/today-utc.js";
import {
  readRuleFilesWithBase,
  readValidRuleSet,
  type ValidRuleFiles,
} from "../rule-files/read-rule-files.js";
import {
  type RuleFileFormat,
  ruleFileText,
  writeRuleFiles,
} from "../rule-files/write-rule-files.js";
import { versionToReplace } from "./base-version.js";
import { callerIdentity } from "./caller-identity.js";
import { EXIT, type ExitCode } from "./exit-codes.js";
import {
  formatAudit,
  formatDiff,
  formatImpact,
  formatMeta,
  formatRegions,
  formatVersions,
} from "./format.js";
import { cliSigner } from "./signing-key.js";

/** A refusal the CLI reports as one line (plus details) and an exit code of its class. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly details?: string,
    readonly json?: unknown,
    readonly exitCode: ExitCode = EXIT.refused,
  ) {
    super(message);
  }
}

/** What a command says: `human` by default, `json` with --json. */
export interface Output {
  readonly human: string;
  readonly json: unknown;
}

export interface Context {
  readonly table: string;
  /** `--actor`: a note beside the identity the credentials give. */
  readonly actorNote?: string | undefined;
}

const stores = new WeakMap<Context, RuleStore>();

/**
 * The command's store: one DynamoDB client and one signer however many reads the command makes,
 * so credentials (an SSO or assumed-role session) are resolved once.
 */
const store = (context: Context): RuleStore => {
  let made = stores.get(context);
  if (!made) {
    made = new RuleStore(createDynamoClient(), context.table, cliSigner());
    stores.set(context, made);
  }
  return made;
};

/** Who acts, for the audit trail: the caller's identity, and what they said about themselves. */
const actingAs = async (context: Context): Promise<Pick<Change, "actor" | "actorNote">> => ({
  actor: await callerIdentity(),
  actorNote: context.actorNote,
});

/** A store's refusal as the CLI reports it: a conflict (exit 2) says how to see what changed. */
const refused = (refusal: StoreRefusal): CliError => {
  if (refusal.kind === "tampered")
    return new CliError(refusal.message, undefined, refusal, EXIT.tampered);
  if (refusal.kind !== "conflict")
    return new CliError(
      refusal.message,
      "problems" in refusal ? describeProblems(refusal.problems) : undefined,
      refusal,
    );
  const { expected, active } = refusal;
  const hint =
    expected !== null && active !== null
      ? `; see what changed with \`code-rules diff ${expected} ${active}\``
      : "";
  return new CliError(`${refusal.message}${hint}`, undefined, refusal, EXIT.conflict);
};

/** What the admin wrote about the change, refused before anything is read, as the store refuses it. */
const refuseBadNotes = (context: Context, notes: { message?: string; reason?: string }): void => {
  const refusal = noteRefusal({ ...notes, actorNote: context.actorNote });
  if (refusal) throw refused(refusal);
};

const problemsError = (summary: string, problems: readonly RuleProblem[]): CliError =>
  new CliError(summary, describeProblems(problems), { valid: false, problems });

const refuseProblems = (summary: string, problems: readonly RuleProblem[]): void => {
  if (problems.length > 0) throw problemsError(summary, problems);
};

const invalidRules = (path: string, problems: readonly RuleProblem[]): CliError =>
  problemsError(`${path}: ${problems.length} problem(s); nothing was written`, problems);

const readValid = (path: string): ValidRuleFiles => {
  const read = readValidRuleSet(path);
  if (read.ok) return read.value;
  const refusal = read.error;
  if (refusal.kind === "unreadable") throw new CliError(refusal.message);
  throw invalidRules(path, refusal.problems);
};

/** Rule files that passed every check a publish makes before writing, with their golden cases counted. */
interface ServableFiles {
  readonly ruleSet: RuleSet;
  readonly baseVersion?: number | undefined;
  readonly cases: number;
}

/**
 * A rule file or folder checked as `publish` checks it before writing anything: the limits of
 * what the function serves (first, so a huge set is refused before it is validated), the
 * publish checks, rules at all (unless removals are allowed), and its golden cases.
 */
const readServable = (
  path: string,
  options: { readonly allowRemovals?: boolean | undefined } = {},
): ServableFiles => {
  const read = readRuleFilesWithBase(path);
  if (!read.ok) throw new CliError(read.error);
  const { content, baseVersion, cases = [] } = read.value;
  const overLimits = limitProblems(content);
  refuseProblems(
    `${path}: past the limits of what the function serves (${overLimits[0]?.message}); nothing was written`,
    overLimits,
  );
  const validated = validateForPublish(content);
  if (!validated.ok) throw invalidRules(path, validated.error);
  const ruleSet = validated.value;
  if (!options.allowRemovals)
    refuseProblems(
      `${path}: the rule set has no rules, so every selection would be refused; nothing was written`,
      removalProblems(undefined, ruleSet),
    );
  const mismatches = runGoldenCases(ruleSet, cases);
  if (mismatches.length > 0) {
    throw new CliError(
      `${path}: ${mismatches.length} of ${cases.length} golden case(s) fail; nothing was written`,
      mismatches.map((mismatch) => `  ${describeCaseProblem(mismatch)}`).join("\n"),
      { valid: false, goldenCases: mismatches },
    );
  }
  return { ruleSet, baseVersion, cases: cases.length };
};

/** What a move takes away from the active version that refuses it, unless removals are allowed. */
const refusedRemovals = (
  active: { version: number | undefined; ruleSet: RuleSet },
  candidate: RuleSet,
  allowRemovals: boolean | undefined,
): RuleProblem[] =>
  allowRemovals || active.version === undefined ? [] : removalProblems(active.ruleSet, candidate);

/** Refuses a move that takes procedures or codes away from the active version, unless allowed. */
const refuseRemovals = (
  action: "publish" | "rollback",
  active: { version: number | undefined; ruleSet: RuleSet },
  candidate: RuleSet,
  allowRemovals: boolean | undefined,
): void => {
  const removed = refusedRemovals(active, candidate, allowRemovals);
  refuseProblems(
    `${action} refused: it removes ${removed.length} procedure(s) or code(s) that active version ${active.version} answers with; nothing was written (pass --allow-removals if that is meant)`,
    removed,
  );
};

const readStoredVersion = async (context: Context, version: number): Promise<RuleSet> => {
  const stored = await store(context).readVersion(version);
  if (stored?.meta.status !== "published")
    throw new CliError(`version ${version} is not a published version`);
  const validated = validateRuleSet(stored.content);
  if (!validated.ok)
    throw new CliError(
      `version ${version} as stored does not validate; it is never served`,
      describeProblems(validated.error),
    );
  return validated.value;
};

const activeVersion = async (context: Context): Promise<number | undefined> =>
  (await store(context).activePointer())?.version;

/** The active version's rules, or none over an empty table. */
const activeRules = async (
  context: Context,
): Promise<{ version: number | undefined; ruleSet: RuleSet }> => {
  const version = await activeVersion(context);
  if (version !== undefined) return { version, ruleSet: await readStoredVersion(context, version) };
  return { version, ruleSet: EMPTY_RULE_SET };
};

const describeActive = (version: number | undefined): string =>
  version === undefined ? "against an empty table" : `against active version ${version}`;

export interface PastChangeOptions {
  /** Dates of service before this one (YYYY-MM-DD; default today in UTC) are past. */
  readonly asOf?: string;
  readonly allowPastChanges?: boolean;
}

/** The day from which dates of service count as past, and the past changes that refuse the move. */
const pastChanges = (
  active: number | undefined,
  regions: readonly ImpactRegion[],
  options: PastChangeOptions,
) => {
  const asOf = options.asOf ?? todayUtc();
  return { asOf, past: refusedPastRegions(active, regions, asOf, options.allowPastChanges) };
};

/**
 * Refuses a move away from an active version that changes answers for dates of service already
 * past, unless the admin says so; over an empty table nothing was ever answered.
 */
const refuseSilentPastChanges = (
  action: "publish" | "rollback",
  active: number | undefined,
  regions: readonly ImpactRegion[],
  options: PastChangeOptions,
): void => {
  const { asOf, past } = pastChanges(active, regions, options);
  if (past.length === 0) return;
  const earliest = earliestChange(past);
  throw new CliError(
    `${action} refused: it changes answers for dates of service from ${earliest}, before ${asOf}; nothing was written (pass --allow-past-changes if that is meant)`,
    formatRegions(past),
    { refused: "past-changes", asOf, earliestChange: earliest, regions: impactJson(past) },
  );
};

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
  const outcome = await createRulesTable(createDynamoClient(), context.table);
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

export interface RemovalOptions {
  /** Let the move take procedures or codes (or every rule) away from the active version. */
  readonly allowRemovals?: boolean;
}

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

/** Published versions; with `all`, staged and abandoned ones too, and whether gc deleted their content. */
export const list = async (context: Context, options: { all?: boolean } = {}): Promise<Output> => {
  const [stored, active] = await Promise.all([
    store(context).listVersions(),
    activeVersion(context),
  ]);
  const versions = options.all ? stored : stored.filter((meta) => meta.status === "published");
  return { human: formatVersions(versions, active), json: { active: active ?? null, versions } };
};

/** How long a version may stay staged before gc takes its publish for dead. */
export const DEFAULT_STALE_AFTER_HOURS = 24;

export const gc = async (
  context: Context,
  options: { staleAfterHours?: number } = {},
): Promise<Output> => {
  const hours = options.staleAfterHours ?? DEFAULT_STALE_AFTER_HOURS;
  const collected = await store(context).collectGarbage(hours * 3_600_000);
  const lines = collected.map(
    (c) =>
      `deleted ${c.items} item(s) of version ${c.version} (${c.wasStaged ? `staged more than ${hours} h ago, now abandoned` : "abandoned"})`,
  );
  return {
    human: lines.length > 0 ? lines.join("\n") : "nothing to collect",
    json: { collected },
  };
};

export const show = async (context: Context, version: number): Promise<Output> => {
  const stored = await store(context).readVersion(version);
  if (!stored) throw new CliError(`there is no version ${version}`);
  const validated = validateRuleSet(stored.content);
  const rules = validated.ok
    ? validated.value.rules.map((r) => `  ${r.id}  ${r.code}  ${bandLabel(r.band)}`)
    : [
        `  its content does not validate (${validated.error.length} problem(s)); it is never served`,
      ];
  return { human: `${formatMeta(stored.meta)}\n${rules.join("\n")}`, json: stored };
};

export const diff = async (context: Context, from: number, to: number): Promise<Output> => {
  const changes = diffRuleSets(
    await readStoredVersion(context, from),
    await readStoredVersion(context, to),
  );
  return { human: formatDiff(changes), json: changes };
};

export interface ExportOptions {
  readonly output?: string;
  readonly format: RuleFileFormat;
}

export const exportVersion = async (
  context: Context,
  version: number | undefined,
  { output, format }: ExportOptions,
): Promise<Output> => {
  const chosen = version ?? (await activeVersion(context));
  if (chosen === undefined) throw new CliError("no version is active; name one to export");
  const content = await readStoredVersion(context, chosen);
  const exported = { content, baseVersion: chosen, format };
  if (!output)
    return {
      human: ruleFileText(exported).replace(/\r?\n$/, ""),
      json: { version: chosen, procedures: content.procedures, rules: content.rules },
    };
  const written = writeRuleFiles(output, exported);
  if (!written.ok) throw new CliError(written.error);
  const files = written.value;
  return {
    human: `wrote version ${chosen} to ${files.length === 1 ? files[0] : `${files.length} files in ${output}`}`,
    json: { version: chosen, files },
  };
};

export const audit = async (
  context: Context,
  options: { readonly verify?: boolean } = {},
): Promise<Output> => {
  if (options.verify) return verifyAudit(context);
  const entries = await store(context).audit();
  return { human: formatAudit(entries), json: entries };
};

/** Checks the chain and every signature; the first broken entry is named and the exit code is 4. */
const verifyAudit = async (context: Context): Promise<Output> => {
  const check = await store(context).verifyAudit(verifierFor(await cliSigner().publicKey()));
  if (check.ok)
    return {
      human: `the audit trail holds: ${check.entries} entries, each chained to the one before and signed; head ${check.head.slice(0, 12)}`,
      json: check,
    };
  const { entry, reason } = check;
  const named = entry
    ? `audit entry ${entry.sequence ?? "(unnumbered)"} (${formatAudit([entry])})`
    : "the audit trail";
  throw new CliError(
    `${named} is broken: ${reason}`,
    undefined,
    { ok: false, entry, reason },
    EXIT.tampered,
  );
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
