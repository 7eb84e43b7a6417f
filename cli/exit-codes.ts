/** The class of an outcome, as the exit code says it. */
export const EXIT = {
  refused: 1,
  conflict: 2,
  unreachable: 3,
  tampered: 4,
  inconsistent: 5,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** What each exit code means, for `code-rules --help` and the table in docs/coding-managers.md alike. */
export const EXIT_MEANINGS: readonly (readonly [number, string])[] = [
  [0, "done"],
  [
    EXIT.refused,
    "invalid input or a refused change: a rule file that does not validate, bad CSV, a no-op publish, a claim line `check-claims` cannot read",
  ],
  [EXIT.conflict, "conflict: another version is active than the one the change replaces"],
  [
    EXIT.unreachable,
    "the store cannot be reached (is DynamoDB Local running?), or AWS credentials or region are missing",
  ],
  [
    EXIT.tampered,
    "tampered: `audit --verify` found an audit entry whose hash, chain link or signature does not hold, a version read (to export, compare, build on or roll back to) fails its rule count, checksum or signature, or a change request's publish found the audit trail or the approvals setting changed outside code-rules",
  ],
  [
    EXIT.inconsistent,
    "findings: `check-claims` wrote its report and some claim lines bill a code the rules do not select for the age",
  ],
];
