/**
 * Every kind of problem the API answers, with its title and what it means; the contract lists each
 * `type` with its meaning, so that tools can branch on it.
 */
export const PROBLEM_TYPES = {
  "invalid-json": { title: "Body is not JSON", meaning: "The body is not valid JSON" },
  "invalid-request": {
    title: "Request has invalid fields",
    meaning:
      "Fields missing, unknown or of the wrong form, impossible dates, a date of service before birth, or both or neither of dateOfBirth and age; `errors` lists each field",
  },
  "unknown-procedure": {
    title: "Unknown procedure",
    meaning: "No procedure of the rule version has this key",
  },
  "unknown-code": {
    title: "Unknown code",
    meaning: "No rule of the rule version (or of the procedure named) has the billed code",
  },
  "not-found": { title: "No such route", meaning: "No route has this path" },
  "method-not-allowed": {
    title: "Method not allowed",
    meaning: "The path exists, with other methods; the Allow header lists them",
  },
  "version-not-found": {
    title: "No such rule version",
    meaning: "The pinned rule version was never published",
  },
  "version-rejected": {
    title: "Rule version cannot be served",
    meaning: "The pinned rule version fails its checks (checksum or validation) and is not served",
  },
  revoked: {
    title: "Rule version revoked",
    meaning: "The pinned rule version was revoked and is never served",
  },
  "too-large": {
    title: "Request too large",
    meaning: "The body is over the size limit, or a batch carries too many items",
  },
  "no-rule-in-effect": {
    title: "No rule in effect on the date of service",
    meaning: "The procedure has no rule whose effective period holds the date of service",
  },
  "age-not-covered": {
    title: "The procedure has no code at this age",
    meaning:
      "Not applicable: no rule of the procedure covers the patient's age; `codesByAge` lists its codes with the ages they cover",
  },
  "weight-not-covered": {
    title: "The procedure has no code at this weight",
    meaning:
      "Not applicable: the age has codes, but none for the present weight given; `codesByWeight` lists them with the weights they are for",
  },
  "ambiguous-age": {
    title: "The age given leaves the code open",
    meaning:
      "The input stands for patients on both sides of an edge (an age in a coarse unit, or no gestational age, weight or payer where a rule is limited by it); `decidingInputs` names what would decide, `decidingUnit` the unit of age, `codes` the codes in play",
  },
  "rules-unavailable": {
    title: "Rules unavailable",
    meaning: "No good rule version can be served; retry after Retry-After seconds",
  },
  forbidden: {
    title: "Not allowed for your role",
    meaning:
      "Signed in, but the route needs a role the token's groups do not give (approving and publishing need `rule-approvers`)",
  },
  "request-not-found": {
    title: "No such change request",
    meaning: "No change request has this number",
  },
  "changed-meanwhile": {
    title: "Changed meanwhile",
    meaning:
      "The request or the active version is no longer as the caller saw it: someone acted first. Read it again, then decide",
  },
  "change-refused": {
    title: "Change refused",
    meaning:
      "The change policy refuses the step as asked; `refused` names why (for example `past-changes`, `approval`, `invalid-rules`), and `problems` or `regions` show where",
  },
  "store-unavailable": {
    title: "Rules table unavailable",
    meaning: "The rules table could not be reached; nothing was written. Try again",
  },
  internal: {
    title: "Internal error",
    meaning: "A bug, never the caller's input; `detail` carries the request id to quote",
  },
} as const satisfies Record<string, { title: string; meaning: string }>;

export type ProblemKind = keyof typeof PROBLEM_TYPES;

/** Every status a problem is answered with: the contract lists them, so clients can narrow on them. */
export const PROBLEM_STATUSES = [400, 403, 404, 405, 409, 413, 422, 500, 503] as const;

export type ProblemStatus = (typeof PROBLEM_STATUSES)[number];

type ProblemType = `urn:code-rules:problem:${ProblemKind}`;

/** The problem type URI for a kind of refusal; stable, so tools can branch on it. */
export const problemType = (kind: ProblemKind): ProblemType => `urn:code-rules:problem:${kind}`;
