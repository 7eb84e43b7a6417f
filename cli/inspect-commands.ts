import { bandLabel } from "../core/age-band.js";
import { diffRuleSets } from "../core/diff.js";
import {
  type RuleFileFormat,
  ruleFileText,
  writeRuleFiles,
} from "../rule-files/write-rule-files.js";
import { CliError } from "./cli-error.js";
import {
  activeVersion,
  type Context,
  type Output,
  readStoredVersion,
  store,
} from "./command-context.js";
import { EXIT } from "./exit-codes.js";
import { formatAudit, formatDiff, formatMeta, formatVersions } from "./format.js";

/*
 * The commands that read the table and change nothing but debris: list, show, diff, export, the
 * audit trail and its check, and gc.
 */

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

/**
 * A version's metadata, and a published version's rules once they pass the function's own checks
 * (a version that fails them is refused, exit 4). A staged or abandoned version was never served:
 * its metadata is shown, its rules are not.
 */
export const show = async (context: Context, version: number): Promise<Output> => {
  const meta = await store(context).versionMeta(version);
  if (!meta) throw new CliError(`there is no version ${version}`);
  if (meta.status !== "published")
    return {
      human: `${formatMeta(meta)}\n  ${meta.status}: never served; its rules are not shown`,
      json: { meta },
    };
  const ruleSet = await readStoredVersion(context, version);
  const rules = ruleSet.rules.map((r) => `  ${r.id}  ${r.code}  ${bandLabel(r.band)}`);
  return { human: `${formatMeta(meta)}\n${rules.join("\n")}`, json: { meta, content: ruleSet } };
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
  const check = await store(context).verifyAudit();
  const { where, sequence } = check.anchored;
  if (check.ok)
    return {
      human: `the audit trail holds: ${check.entries} ${check.entries === 1 ? "entry" : "entries"}, each chained to the one before and signed; head ${check.head.slice(0, 12)}; ${sequence === undefined ? `no head kept in ${where} yet` : `reaches the head kept in ${where} (entry ${sequence})`}`,
      json: check,
    };
  const { entry, reason } = check;
  const named = entry
    ? `audit entry ${entry.sequence ?? "(unnumbered)"} (${formatAudit([entry])})`
    : "the audit trail";
  throw new CliError(
    `${named} is broken: ${reason}`,
    undefined,
    { ok: false, entry, reason, anchored: check.anchored },
    EXIT.tampered,
  );
};
