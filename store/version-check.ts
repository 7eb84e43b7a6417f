import { RULE_SET_LIMITS } from "../core/limits.js";
import { err, ok, type Result } from "../core/result.js";
import { describeProblem } from "../core/rule-problem.js";
import type { RuleSet } from "../core/rule-set.js";
import { validateRuleSet } from "../core/validate.js";
import { ruleSetChecksum } from "./checksum.js";
import type { Verifier } from "./signature.js";
import type { VersionMeta } from "./table-items.js";
import type { StoredVersion } from "./version-reader.js";
import { versionSignatureHolds } from "./version-signature.js";

/** Why no one may read a version whose metadata says it is past the limits the function serves. */
export const overLimits = (meta: VersionMeta): string | undefined =>
  meta.ruleCount > RULE_SET_LIMITS.rules
    ? `it holds ${meta.ruleCount} rules, over the limit of ${RULE_SET_LIMITS.rules} the function serves`
    : meta.procedureCount > RULE_SET_LIMITS.procedures
      ? `it holds ${meta.procedureCount} procedures, over the limit of ${RULE_SET_LIMITS.procedures} the function serves`
      : undefined;

/**
 * Why a stored version fails its check: `tampered` where what is stored disagrees with what was
 * signed (its count, checksum or signature), `unservable` where it is past the limits or does not
 * validate (a version stored under an older validator, say).
 */
export interface VersionFault {
  readonly kind: "tampered" | "unservable";
  readonly reason: string;
}

const tampered = (reason: string) => err<VersionFault>({ kind: "tampered", reason });
const unservable = (reason: string) => err<VersionFault>({ kind: "unservable", reason });

/** Items in the partition that its signed metadata does not account for, said as a reason. */
const unsignedItems = ({ meta, content, unknownItems }: StoredVersion): string | undefined => {
  if (unknownItems > 0)
    return `its partition holds ${unknownItems} item(s) that are neither rules nor procedures`;
  if (content.procedures.length !== meta.procedureCount)
    return `it holds ${content.procedures.length} procedures, its metadata says ${meta.procedureCount}`;
  return undefined;
};

/**
 * The one check of a version read from the store, made before anything is served, shown, compared
 * or built on from it: its limits, its rule count and checksum as its metadata states them, the
 * validator, and its signature. The function runs it on every version it loads, publish on a staged
 * version before the pointer moves, and the admin side on every version it reads.
 */
export const checkStoredVersion = (
  stored: StoredVersion,
  verify: Verifier,
): Result<RuleSet, VersionFault> => {
  const { meta, content } = stored;
  const tooLarge = overLimits(meta);
  if (tooLarge) return unservable(tooLarge);
  // A compressed copy that does not decode is content that is not what was signed, as a row
  // rewritten is: refused as tampered, never passed on to the rows.
  if (stored.unreadable) return tampered(stored.unreadable);
  const unsigned = unsignedItems(stored);
  if (unsigned) return tampered(unsigned);
  if (content.rules.length !== meta.ruleCount)
    return tampered(`it holds ${content.rules.length} rules, its metadata says ${meta.ruleCount}`);
  const validated = validateRuleSet(content);
  if (!validated.ok) {
    const [first] = validated.error;
    return unservable(
      `it does not validate (${validated.error.length} problem(s); first: ${first ? describeProblem(first) : ""})`,
    );
  }
  // Content parsed from a canonical text is checked by that text's hash: matching, the text is
  // the one signed, byte for byte, and its parse the content signed.
  if ((stored.checksum ?? ruleSetChecksum(content)) !== meta.checksum)
    return tampered("its content does not match its checksum");
  if (!versionSignatureHolds(verify, meta))
    return tampered(
      "its signature does not verify: it was changed outside publish, or never signed",
    );
  return ok(validated.value);
};
