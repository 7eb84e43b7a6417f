import { existsSync, readFileSync } from "node:fs";
import { Command, CommanderError, Option } from "commander";
import { showHidden, showHiddenInLines } from "../core/plain-text.js";
import { LOCAL_ENV } from "../local/local-defaults.js";
import { RULE_FILE_FORMATS } from "../rule-files/write-rule-files.js";
import { AUDIT_ANCHOR_ENV } from "./audit-anchor-choice.js";
import { addChangeCommands } from "./change-program.js";
import { checkClaims } from "./check-claims.js";
import { CLAIM_FORMATS } from "./claim-report-stream.js";
import { CliError } from "./cli-error.js";
import { type CliIo, processIo } from "./cli-io.js";
import type { Context, Output } from "./command-context.js";
import { impact, init, publish, revoke, rollback, validate } from "./commands.js";
import { EXIT, EXIT_MEANINGS } from "./exit-codes.js";
import {
  audit,
  DEFAULT_STALE_AFTER_HOURS,
  diff,
  exportVersion,
  gc,
  list,
  show,
} from "./inspect-commands.js";
import { addLeaveOptions, asOfOption, plainUpTo, wholeNumber } from "./options.js";
import { describeSdkError } from "./sdk-errors.js";
import { SIGNING_KEY_ENV } from "./where-it-runs.js";

interface GlobalOptions {
  table?: string;
  actor?: string;
  json?: boolean;
}

/** One run of the CLI: where it writes, what it reads, and the exit code it ends with. */
export interface CliRun {
  readonly io: CliIo;
  exitCode: number;
}

const contextOf = (command: Command, { io }: CliRun): Context => {
  const { table, actor } = command.optsWithGlobals<GlobalOptions>();
  const chosen = table ?? io.env[LOCAL_ENV.table];
  if (!chosen) throw new CliError(`no table: pass --table NAME or set ${LOCAL_ENV.table}`);
  return { table: chosen, actorNote: actor, env: io.env };
};

/** Writes a line to a terminal or a pipe; no hidden character in anything printed reaches either raw. */
const print = (write: (text: string) => void, text: string): void =>
  write(`${showHiddenInLines(text)}\n`);

/** Runs a command and prints what it says; every failure is one line on stderr and an exit code of its class. */
const runner =
  (cli: CliRun) =>
  <A extends unknown[]>(action: (command: Command, ...args: A) => Output | Promise<Output>) =>
  async (...args: unknown[]): Promise<void> => {
    const { out, err } = cli.io;
    const command = args.at(-1) as Command;
    const json = command.optsWithGlobals<GlobalOptions>().json ?? false;
    try {
      const output = await action(command, ...(args.slice(0, -2) as A));
      print(out, json ? JSON.stringify(output.json, null, 2) : output.human);
      if (output.exitCode !== undefined) cli.exitCode = output.exitCode;
    } catch (error) {
      if (error instanceof CliError) {
        cli.exitCode = error.exitCode;
        print(err, `code-rules: ${showHidden(error.message)}`);
        if (json && error.json !== undefined) print(out, JSON.stringify(error.json, null, 2));
        else if (error.details) print(err, error.details);
      } else {
        const { message, exitCode } = describeSdkError(error, cli.io.env);
        cli.exitCode = exitCode;
        print(err, `code-rules: ${showHidden(message)}`);
      }
    }
  };

// This module runs from cli/ in the repository and from dist/cli/ once built and installed:
// package.json is one folder up, or two.
const packageFile = ["../package.json", "../../package.json"]
  .map((path) => new URL(path, import.meta.url))
  .find((url) => existsSync(url));
if (!packageFile) throw new Error("code-rules: its package.json is missing");
const { version } = JSON.parse(readFileSync(packageFile, "utf8")) as { version: string };

/** The `code-rules` command line, writing to and reading from one run's io. */
export const createProgram = (cli: CliRun): Command => {
  const run = runner(cli);
  const context = (command: Command) => contextOf(command, cli);
  const program = new Command("code-rules")
    .description("Publish, roll back and inspect the rule versions that code-rules serves.")
    .version(version, "-V, --version", "print the version of code-rules")
    .option("--table <name>", `the rules table (default: $${LOCAL_ENV.table})`)
    .option(
      "--actor <text>",
      `a note for the audit trail, beside the identity your AWS credentials give (on DynamoDB Local, your OS user); ${plainUpTo("actorNote")}`,
    )
    .option("--json", "machine-readable output")
    .addHelpText(
      "after",
      `
The DynamoDB endpoint is the AWS SDK's own: set AWS_ENDPOINT_URL_DYNAMODB for DynamoDB Local, leave it unset for AWS.
On AWS, changes are signed with the KMS key $${SIGNING_KEY_ENV} names (the stack's SigningKeyArn output), and each
audit head is kept in the bucket $${AUDIT_ANCHOR_ENV} names (s3://<AuditHeadBucket>); DynamoDB Local needs neither.
Every error prints one line on stderr. Exit codes:
${EXIT_MEANINGS.map(([code, meaning]) => `  ${code}  ${meaning}`).join("\n")}`,
    )
    .configureOutput({
      writeOut: cli.io.out,
      writeErr: cli.io.err,
      // commander repeats a refused argument in its error: no hidden character of it reaches the terminal raw.
      outputError: (text, write) => write(showHiddenInLines(text)),
    })
    // Help, the version and commander's own refusals end the run by throwing, caught in runCli.
    .exitOverride();

  program
    .command("init")
    .description(
      "create the rules table where it does not exist (for DynamoDB Local; on AWS the CDK stack owns it)",
    )
    .action(run((command) => init(context(command))));

  program
    .command("validate")
    .argument("<path>", "a YAML, JSON or CSV rule file, or a folder of them")
    .description(
      "check a rule set as publish does (limits, validation, golden cases) without writing anything",
    )
    .action(run((_command, path: string) => validate(path)));

  const publishCommand = program
    .command("publish")
    .argument("<path>", "a YAML, JSON or CSV rule file, or a folder of them such as rules/")
    .option("-m, --message <text>", `why this version exists; ${plainUpTo("message")}`)
    .option(
      "--expect-version <n>",
      "only publish if version n is active (0: only if none is); overrides the files' baseVersion",
      wholeNumber,
    )
    .option("--force", "publish over whichever version is active, whatever the files' baseVersion")
    .option(
      "--dry-run",
      "print the validation result and the changes against the active version; write nothing",
    )
    .addOption(asOfOption())
    .description(
      "publish a rule set as the first version of an empty table, or, with --break-glass, over the active one without a change request: it is checked (limits, validation, golden cases) and the answers it changes are printed. Every other change goes through `code-rules change create`. Files exported from a version (baseVersion) replace that version only; files with none replace only an empty table unless --expect-version or --force says otherwise",
    )
    .action(run((command, path: string) => publish(context(command), path, command.opts())));
  addLeaveOptions(publishCommand);

  const rollbackCommand = program
    .command("rollback")
    .argument("<version>", "an earlier published version", wholeNumber)
    .option("-m, --message <text>", `why; ${plainUpTo("message")}`)
    .option("--expect-version <n>", "only roll back if version n is active", wholeNumber)
    .addOption(asOfOption())
    .description(
      "print the answers it changes, and make an earlier published version active again (one that changes past answers or removes codes needs --break-glass)",
    )
    .action(run((command, version: number) => rollback(context(command), version, command.opts())));
  addLeaveOptions(rollbackCommand);

  program
    .command("impact")
    .argument("<from>", "a version number, or a YAML/JSON rule file or folder")
    .argument("<to>", "a version number, or a YAML/JSON rule file or folder")
    .description(
      "every age and date of service whose answer changes from one rule set to the other (code, text, or no rule)",
    )
    .action(run((command, from: string, to: string) => impact(() => context(command), from, to)));

  program
    .command("list")
    .option("--all", "staged and abandoned versions too")
    .description("list the published versions, newest first (* marks the active one)")
    .action(run((command) => list(context(command), command.opts())));

  program
    .command("gc")
    .option(
      "--stale-after-hours <n>",
      `take a version staged longer ago than this for a dead publish (default ${DEFAULT_STALE_AFTER_HOURS})`,
      wholeNumber,
    )
    .description(
      "delete the content items of abandoned versions, and of stale staged ones; metadata, the pointer and the audit trail stay",
    )
    .action(run((command) => gc(context(command), command.opts())));

  program
    .command("show")
    .argument("<version>", "a version number", wholeNumber)
    .description("show a version's metadata and rules")
    .action(run((command, version: number) => show(context(command), version)));

  program
    .command("diff")
    .argument("<from>", "a version number", wholeNumber)
    .argument("<to>", "a version number", wholeNumber)
    .description(
      "rules and procedures added, removed and changed (field by field) from one version to another",
    )
    .action(run((command, from: number, to: number) => diff(context(command), from, to)));

  program
    .command("export")
    .argument("[version]", "a version number (default: the active one)", wholeNumber)
    .option(
      "-o, --output <path>",
      "write to this file, or to a folder (ending in /) as one file per procedure, instead of standard output",
    )
    .addOption(
      new Option("--format <format>", "file format (csv: one row per rule, for spreadsheets)")
        .choices(RULE_FILE_FORMATS)
        .default("yaml"),
    )
    .description(
      "export a version in a format `publish` reads, with the version it came from (baseVersion)",
    )
    .action(
      run((command, version: number | undefined) =>
        exportVersion(context(command), version, command.opts()),
      ),
    );

  program
    .command("check-claims")
    .argument(
      "<file>",
      "a CSV file of claim lines (a header line, then one claim per line), or NDJSON (one JSON object per line)",
    )
    .requiredOption("-o, --output <report>", "write the report (CSV, one row per claim line) here")
    .option(
      "--rule-version <n>",
      "check against this published version (default: the active one)",
      wholeNumber,
    )
    .addOption(
      new Option(
        "--format <format>",
        "the file's format (default: ndjson for .ndjson and .jsonl, else csv)",
      ).choices(CLAIM_FORMATS),
    )
    .description(
      "check every claim line of a CSV or NDJSON file (code, dateOfService, and dateOfBirth or age with ageUnit) against one rule version, read and verified once; write a report row per line and print a summary",
    )
    .addHelpText(
      "after",
      `
Columns read (CSV columns, or NDJSON fields): code, dateOfService, dateOfBirth or age + ageUnit
(days|months|years), and optionally procedure, gestationalAgeWeeks + gestationalAgeDays, weightGrams,
payer, claimId; every
other column is carried to the report (in NDJSON, the first line's other fields). On a terminal, stderr
shows the progress: lines done, lines a second, and how much of the file is read.
Exit codes: 0 every line consistent; ${EXIT.inconsistent} some lines inconsistent; ${EXIT.refused} some lines cannot be read (bad
date, missing field, not JSON) or the file cannot be checked at all, whatever else was found. Lines the
rules refuse (unknown code, ambiguous age) are counted in the summary and change no exit code.`,
    )
    .action(run((command, file: string) => checkClaims(context(command), file, command.opts())));

  program
    .command("audit")
    .option(
      "--verify",
      "check that every entry is chained to the one before and signed; name the first that is not",
    )
    .description("the audit trail of publishes, rollbacks and revocations, newest first")
    .action(run((command) => audit(context(command), command.opts())));

  program
    .command("revoke")
    .argument("<version>", "a published version that is not active", wholeNumber)
    .requiredOption(
      "--reason <text>",
      `why it must never be served again (the audit entry says so); ${plainUpTo("reason")}`,
    )
    .description("never serve a version again, even to requests that pin it (404 revoked)")
    .action(run((command, version: number) => revoke(context(command), version, command.opts())));

  addChangeCommands(program, { run, context });
  return program;
};

/** Runs `code-rules` with these arguments (no node, no script name); resolves to its exit code. */
export const runCli = async (argv: readonly string[], io: CliIo = processIo): Promise<number> => {
  const cli: CliRun = { io, exitCode: 0 };
  try {
    await createProgram(cli).parseAsync([...argv], { from: "user" });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    return error.exitCode === 0 ? 0 : EXIT.refused;
  }
  return cli.exitCode;
};
