import { type Command, Option } from "commander";
import {
  approvalsRequired,
  approveChange,
  commentOnChange,
  createChange,
  listChanges,
  publishChange,
  rebaseChange,
  rejectChange,
  resolveChange,
  showChange,
  submitChange,
  withdrawChange,
} from "./change-commands.js";
import type { Context, Output } from "./command-context.js";
import {
  allowPastChangesOption,
  allowRemovalsOption,
  asOfOption,
  breakGlassOption,
  breakGlassReasonOption,
  plainUpTo,
  wholeNumber,
} from "./options.js";

/** How a command of the program runs an action and reads its context. */
export interface ProgramParts {
  readonly run: <A extends unknown[]>(
    action: (command: Command, ...args: A) => Output | Promise<Output>,
  ) => (...args: unknown[]) => Promise<void>;
  readonly context: (command: Command) => Context;
}

/** `code-rules change ...`: every rule change proposed by one admin and approved by another. */
export const addChangeCommands = (program: Command, { run, context }: ProgramParts): void => {
  const change = program
    .command("change")
    .description(
      "change requests: propose a rule set, have a second person approve it, publish it (each step in the audit trail)",
    );

  change
    .command("create")
    .argument("<path>", "a YAML, JSON or CSV rule file, or a folder of them such as rules/")
    .requiredOption("-m, --message <title>", `the request's title; ${plainUpTo("title")}`)
    .option("--description <text>", `what it changes and why; ${plainUpTo("description")}`)
    .option("--draft", "keep it as a draft until `change submit`")
    .addOption(allowPastChangesOption("ask leave to change"))
    .addOption(allowRemovalsOption("ask leave to"))
    .description(
      "propose the rule set as a change request against the active version (checked as publish checks it)",
    )
    .action(run((command, path: string) => createChange(context(command), path, command.opts())));

  change
    .command("list")
    .option("--all", "closed requests too (rejected, published, withdrawn)")
    .description("the open change requests, newest first")
    .action(run((command) => listChanges(context(command), command.opts())));

  change
    .command("show")
    .argument("<n>", "a change request", wholeNumber)
    .description(
      "a change request: its state, approvals, comments, conflicts, problems, and its diff and impact against the version active now",
    )
    .action(run((command, n: number) => showChange(context(command), n)));

  change
    .command("comment")
    .argument("<n>", "a change request", wholeNumber)
    .requiredOption("-m, --message <text>", `the comment; ${plainUpTo("comment")}`)
    .description("comment on a change request")
    .action(
      run((command, n: number) =>
        commentOnChange(context(command), n, command.opts<{ message: string }>().message),
      ),
    );

  change
    .command("submit")
    .argument("<n>", "a draft change request", wholeNumber)
    .description("put a draft up for review")
    .action(run((command, n: number) => submitChange(context(command), n)));

  change
    .command("approve")
    .argument("<n>", "a change request in review", wholeNumber)
    .description("approve a change request as it stands (never your own)")
    .action(run((command, n: number) => approveChange(context(command), n)));

  change
    .command("reject")
    .argument("<n>", "a change request in review", wholeNumber)
    .requiredOption("--reason <text>", `why; ${plainUpTo("reason")}`)
    .description("reject a change request (its author withdraws instead)")
    .action(
      run((command, n: number) =>
        rejectChange(context(command), n, command.opts<{ reason: string }>().reason),
      ),
    );

  change
    .command("rebase")
    .argument("<n>", "an open change request", wholeNumber)
    .description(
      "move a change request onto the active version, merging per rule: edits to other rules are kept, edits to the same rule become conflicts",
    )
    .action(run((command, n: number) => rebaseChange(context(command), n)));

  change
    .command("resolve")
    .argument("<n>", "a change request with conflicts", wholeNumber)
    .argument("<id>", "the rule id or procedure key in conflict")
    .addOption(
      new Option(
        "--keep <side>",
        "which side to keep: mine (the request's) or theirs (the active version's)",
      )
        .choices(["mine", "theirs"])
        .makeOptionMandatory(),
    )
    .description("resolve one conflict of a rebased change request (its author only)")
    .action(
      run((command, n: number, id: string) =>
        resolveChange(context(command), n, id, command.opts()),
      ),
    );

  change
    .command("publish")
    .argument("<n>", "an approved change request", wholeNumber)
    .addOption(asOfOption())
    .description("publish an approved change request as the new active version")
    .action(run((command, n: number) => publishChange(context(command), n, command.opts())));

  change
    .command("withdraw")
    .argument("<n>", "your open change request", wholeNumber)
    .description("withdraw your change request")
    .action(run((command, n: number) => withdrawChange(context(command), n)));

  change
    .command("approvals")
    .argument("[count]", "set the number of approvals a request needs (1 to 5)", wholeNumber)
    .addOption(breakGlassOption())
    .addOption(breakGlassReasonOption())
    .description(
      "how many approvals from people other than the author a change request needs (default 1); lowering it takes --break-glass",
    )
    .action(
      run((command, count: number | undefined) =>
        approvalsRequired(context(command), count, command.opts()),
      ),
    );
};
