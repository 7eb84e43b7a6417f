import type * as z from "../core/zod.js";
import { PROBLEM_TYPES, type ProblemStatus } from "./problem-types.js";
import type { ResponseSchemaId } from "./response-schemas.js";

/** A problem status a route may answer, with what it means there. */
export type ProblemDocs = Readonly<Partial<Record<ProblemStatus, string>>>;

/** The groups the reference page's navigation shows, in its order, with what each is for. */
export const TAGS = [
  {
    name: "Select",
    description:
      "Which code the rules select for a procedure, from the patient's age on the date of service",
  },
  {
    name: "Check",
    description:
      "Whether a billed code is the one the rules select for the patient's age: the age edit payers run on claims",
  },
  { name: "Rules", description: "What the active rule version holds" },
  { name: "Service", description: "Whether the API can answer, and this document" },
  {
    name: "Change requests",
    description:
      "The studio's API, for people signed in: every rule change is a change request that a second person approves before it is published",
  },
  {
    name: "Rule versions",
    description:
      "The studio's API, for people signed in: the versions, their differences and the audit trail; rolling back and revoking",
  },
] as const;

/** What a person signed in to the studio must be to call a route: an editor, or an approver. */
export type StudioRole = "editor" | "approver";

/**
 * Who may call a route. Tools call with IAM (SigV4-signed); people call from the studio with a
 * token from the organisation's sign-in, and the role the route needs.
 */
export type Access =
  | { readonly kind: "iam" }
  | { readonly kind: "sign-in"; readonly role: StudioRole };

/** One route: everything the handlers, the OpenAPI document and the stack's API Gateway need. */
export interface Route {
  readonly method: "GET" | "POST" | "PUT";
  /** The path; `{name}` stands for a parameter, as in OpenAPI and API Gateway. */
  readonly path: string;
  readonly tag: (typeof TAGS)[number]["name"];
  /** A few words: the reference page's navigation lists operations by them. */
  readonly summary: string;
  /** What the operation does and how to call it, in Markdown. */
  readonly description: string;
  /** The JSON body's schema; POST and PUT routes only. */
  readonly request?: z.ZodMiniType;
  /** The most bytes its body may carry; MAX_BODY_BYTES (http/request-schemas.ts) unless said. */
  readonly maxBodyBytes?: number;
  /** The 200 answer's schema, by its component id, or none for a document of its own. */
  readonly response: {
    readonly schema?: ResponseSchemaId;
    readonly description: string;
    /** 201 for a route that creates; 200 unless said. */
    readonly status?: 201;
  };
  readonly problems: ProblemDocs;
  readonly access: Access;
}

// What the app answers for any route (http/app.ts).
export const everyRoute: ProblemDocs = {
  405: "The path answers another method; the Allow header lists it",
  500: PROBLEM_TYPES.internal.meaning,
};
