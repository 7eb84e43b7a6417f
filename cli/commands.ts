import { writeFileSync } from "node:fs";
import { stringify } from "yaml";
import { diffRuleSets, type RuleSetDiff } from "../lambda/core/diff.js";
import type { RuleSet } from "../lambda/core/rule-set.js";
import { describeProblems, validateRuleSet } from "../lambda/core/validate.js";
import { createRulesTable } from "../lambda/store/create-table.js";
import { createDynamoClient } from "../lambda/store/dynamodb-client.js";
import { RuleStore } from "../lambda/store/rule-store.js";
import { readValidRuleSet } from "../rule-files/read-rule-files.js";
import { formatAudit, formatDiff, formatMeta, formatVersions } from "./format.js";

/** A refusal the CLI reports as one line (plus details) and a non-zero exit. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly details?: string,
    readonly json?: unknown,
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
  readonly actor: string;
}

const store = (context: Context) => new RuleStore(createDynamoClient(), context.table);

const readValid = (path: string): RuleSet => {
  const read = readValidRuleSet(path);
  if (read.ok) return read.value.ruleSet;
  const refusal = read.error;
  if (refusal.kind === "unreadable") throw new CliError(refusal.message);
  throw new CliError(
    `${path}: ${refusal.problems.length} problem(s); nothing was written`,
    describeProblems(refusal.problems),
    { valid: false, problems: refusal.problems },
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
  const ruleSet = readValid(path);
  return {
    human: `${path} is valid: ${ruleSet.rules.length} rules in ${ruleSet.procedures.length} procedures`,
    json: { valid: true, rules: ruleSet.rules.length, procedures: ruleSet.procedures.length },
  };
};

export interface PublishOptions {
  readonly message?: string;
  readonly expectVersion?: number;
  readonly dryRun?: boolean;
}

export const publish = async (
  context: Context,
  path: string,
  options: PublishOptions,
): Promise<Output> => {
  const ruleSet = readValid(path);
  if (options.dryRun) return dryRun(context, path, ruleSet);
  const expectVersion =
    options.expectVersion === undefined
      ? undefined
      : options.expectVersion === 0
        ? null
        : options.expectVersion;
  const result = await store(context).publish(ruleSet, {
    actor: context.actor,
    message: options.message,
    expectVersion,
  });
  if (!result.ok) throw new CliError(result.error.message, undefined, result.error);
  const meta = result.value;
  return {
    human: `published version ${meta.version} (${meta.ruleCount} rules, checksum ${meta.checksum.slice(0, 12)})`,
    json: meta,
  };
};

const dryRun = async (context: Context, path: string, ruleSet: RuleSet): Promise<Output> => {
  const active = await activeVersion(context);
  const diff: RuleSetDiff = diffRuleSets(
    active === undefined ? { procedures: [], rules: [] } : await readStoredVersion(context, active),
    ruleSet,
  );
  const against = active === undefined ? "an empty table" : `active version ${active}`;
  return {
    human: `${path} is valid: ${ruleSet.rules.length} rules in ${ruleSet.procedures.length} procedures\nchanges against ${against}:\n${formatDiff(diff)}\n(dry run: nothing was written)`,
    json: { valid: true, activeVersion: active ?? null, diff, written: false },
  };
};

export const rollback = async (
  context: Context,
  version: number,
  options: { message?: string; expectVersion?: number },
): Promise<Output> => {
  const result = await store(context).rollback(version, {
    actor: context.actor,
    message: options.message,
    expectVersion: options.expectVersion,
  });
  if (!result.ok) throw new CliError(result.error.message, undefined, result.error);
  return { human: `version ${version} is active again`, json: { active: version } };
};

export const list = async (context: Context): Promise<Output> => {
  const [versions, active] = await Promise.all([
    store(context).listVersions(),
    activeVersion(context),
  ]);
  return { human: formatVersions(versions, active), json: { active: active ?? null, versions } };
};

export const show = async (context: Context, version: number): Promise<Output> => {
  const stored = await store(context).readVersion(version);
  if (!stored) throw new CliError(`there is no version ${version}`);
  const rules = (
    stored.content.rules as { id: string; code: string; band: { label: string } }[]
  ).map((r) => `  ${r.id}  ${r.code}  ${r.band.label}`);
  return { human: `${formatMeta(stored.meta)}\n${rules.join("\n")}`, json: stored };
};

export const diff = async (context: Context, from: number, to: number): Promise<Output> => {
  const changes = diffRuleSets(
    await readStoredVersion(context, from),
    await readStoredVersion(context, to),
  );
  return { human: formatDiff(changes), json: changes };
};

export const exportVersion = async (
  context: Context,
  version: number | undefined,
  options: { output?: string; format: "yaml" | "json" },
): Promise<Output> => {
  const chosen = version ?? (await activeVersion(context));
  if (chosen === undefined) throw new CliError("no version is active; name one to export");
  const { procedures, rules } = await readStoredVersion(context, chosen);
  const text =
    options.format === "json"
      ? `${JSON.stringify({ procedures, rules }, null, 2)}\n`
      : stringify({ procedures, rules });
  if (!options.output)
    return { human: text.trimEnd(), json: { version: chosen, procedures, rules } };
  writeFileSync(options.output, text);
  return {
    human: `wrote version ${chosen} to ${options.output}`,
    json: { version: chosen, file: options.output },
  };
};

export const audit = async (context: Context): Promise<Output> => {
  const entries = await store(context).audit();
  return { human: formatAudit(entries), json: entries };
};
