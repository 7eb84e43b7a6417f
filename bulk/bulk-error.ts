import type { RulesRefusal } from "../core/served-version.js";
import { BULK_ERRORS } from "./bulk-names.js";

export type BulkErrorName = (typeof BULK_ERRORS)[keyof typeof BULK_ERRORS];

/**
 * Why a batch failed. Its name is the error Step Functions sees, and retries or not by (the state
 * machine retries `RulesUnavailable` only); its message goes to the execution's history, so it
 * says what went wrong in column names and counts, never a cell of a line.
 */
export class BulkError extends Error {
  override readonly name: BulkErrorName;

  constructor(name: BulkErrorName, message: string) {
    super(message);
    this.name = name;
  }
}

export const batchRefused = (message: string): BulkError =>
  new BulkError(BULK_ERRORS.batchRefused, message);

/**
 * Why the batch's rule version cannot be checked against: the rules table could not be read (the
 * state machine retries), or the version is not one the selection function would serve, pinned
 * (never published, revoked, or failing its checks), which no retry changes.
 */
export const rulesRefused = (refusal: RulesRefusal): BulkError =>
  new BulkError(
    refusal.kind === "rules-unavailable"
      ? BULK_ERRORS.rulesUnavailable
      : BULK_ERRORS.ruleVersionRefused,
    refusal.message,
  );
