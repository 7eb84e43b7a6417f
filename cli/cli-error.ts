import type { PolicyRefusal } from "../admin/change-policy.js";
import type { StoreRefusal } from "../admin/store-refusal.js";
import { impactJson } from "../core/impact.js";
import { describeProblems, type RuleProblem, ruleSetHasProblems } from "../core/rule-problem.js";
import { EXIT, type ExitCode } from "./exit-codes.js";
import { formatRegions } from "./format.js";

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

/** The leave that lets a move the change policy refuses go live; an approval refusal says its own way. */
export const ALLOWED_BY: Readonly<Record<Exclude<PolicyRefusal["kind"], "approval">, string>> = {
  removals: "--allow-removals, on a change request or with --break-glass",
  "past-changes": "--allow-past-changes, on a change request or with --break-glass",
};

/** Refusals of something changed outside code-rules: exit 4, whatever was asked. */
const TAMPERED: ReadonlySet<StoreRefusal["kind"]> = new Set(["tampered", "audit-broken"]);

/**
 * A store's refusal as the CLI reports it: the store's sentence, and what the CLI can add to it.
 * A conflict (exit 2) says how to see what changed; a refusal of the change policy names the
 * option that allows the move.
 */
export const refused = (refusal: StoreRefusal): CliError => {
  if (TAMPERED.has(refusal.kind))
    return new CliError(refusal.message, undefined, refusal, EXIT.tampered);
  if (refusal.kind === "past-changes")
    return new CliError(
      `${refusal.message} (${ALLOWED_BY[refusal.kind]}, if that is meant)`,
      formatRegions(refusal.regions),
      { ...refusal, refused: refusal.kind, regions: impactJson(refusal.regions) },
    );
  if (refusal.kind === "removals")
    return new CliError(
      `${refusal.message} (${ALLOWED_BY[refusal.kind]}, if that is meant)`,
      describeProblems(refusal.problems),
      refusal,
    );
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

const problemsError = (summary: string, problems: readonly RuleProblem[]): CliError =>
  new CliError(summary, describeProblems(problems), { valid: false, problems });

export const refuseProblems = (summary: string, problems: readonly RuleProblem[]): void => {
  if (problems.length > 0) throw problemsError(summary, problems);
};

export const invalidRules = (path: string, problems: readonly RuleProblem[]): CliError =>
  problemsError(`${path}: ${ruleSetHasProblems(problems.length)}`, problems);
