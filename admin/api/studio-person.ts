import type { StudioRole } from "../../http/route.js";
import { ADMIN_GROUPS } from "../deploy/deploy-names.js";
import type { Acting } from "../request-steps.js";

/** A person signed in to the studio, as their token names them. */
export interface StudioPerson {
  /** The token's subject: who they are to the issuer, whatever they are called. */
  readonly subject: string;
  /** What they are called, for people to read. */
  readonly name: string;
  readonly roles: readonly StudioRole[];
}

type Claims = Readonly<Record<string, unknown>>;

/**
 * A claim that lists values, in any form it arrives in: API Gateway's JWT authorizer hands an
 * array claim on as one string, `[a b]`; the local server as API Gateway does; a JSON array where
 * a claim was built by hand.
 */
export const listedValues = (claim: unknown): string[] => {
  if (Array.isArray(claim)) return claim.filter((value) => typeof value === "string");
  if (typeof claim !== "string") return [];
  const text = claim.trim();
  if (text.startsWith('["')) {
    try {
      return listedValues(JSON.parse(text));
    } catch {
      return [];
    }
  }
  const inner = text.startsWith("[") && text.endsWith("]") ? text.slice(1, -1) : text;
  return inner.split(/[\s,]+/).filter((value) => value.length > 0);
};

const rolesOf = (groups: readonly string[]): StudioRole[] => {
  const approver = groups.includes(ADMIN_GROUPS.approvers);
  // Approvers may do all an editor may: the approving is what they add.
  if (approver) return ["editor", "approver"];
  return groups.includes(ADMIN_GROUPS.editors) ? ["editor"] : [];
};

/** The person the token's claims name, or undefined when they name no subject. */
export const personOf = (
  claims: Claims | undefined,
  groupsClaim: string,
): StudioPerson | undefined => {
  const subject = claims?.sub;
  if (typeof subject !== "string" || subject.length === 0) return undefined;
  const name = [claims?.name, claims?.email, claims?.["cognito:username"]].find(
    (value): value is string => typeof value === "string" && value.length > 0,
  );
  return { subject, name: name ?? subject, roles: rolesOf(listedValues(claims?.[groupsClaim])) };
};

/** The prefix of an actor signed in to the studio, beside the CLI's IAM ARNs and OS users. */
const SIGNED_IN = "sign-in:";

/**
 * Who acts, as the audit trail and the change policy name them: the subject, which no renaming
 * changes (so an author never becomes someone else who may approve), and the name beside it.
 */
export const actingOf = (person: StudioPerson): Acting => ({
  actor: `${SIGNED_IN}${person.subject}`,
  actorNote: person.name,
});
