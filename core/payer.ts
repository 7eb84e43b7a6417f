/**
 * The payer program of the claim: a few codes differ by it (Medicare's G0500 for moderate sedation
 * during GI endoscopy, where other payers take CPT's 99152). A procedure declares the programs its
 * rules tell apart; a rule limited to some of them names them, `only` or `except`.
 */

/** A rule's limit to payer programs: exactly one of the two lists. */
export interface PayerLimit {
  readonly only?: readonly string[] | undefined;
  readonly except?: readonly string[] | undefined;
}

export interface PayerLimits {
  readonly payers?: PayerLimit | undefined;
}

export const limitsPayer = (rule: PayerLimits): boolean => rule.payers !== undefined;

/** The declared programs the limit holds for (every one for a rule without a limit). */
export const payersHeld = (rule: PayerLimits, declared: readonly string[]): string[] => {
  const { payers } = rule;
  if (!payers) return [...declared];
  if (payers.only) return declared.filter((payer) => payers.only?.includes(payer));
  return declared.filter((payer) => !payers.except?.includes(payer));
};

/** The limit as a key, programs in order, so a version read back compares equal. */
export const payerKey = ({ payers }: PayerLimits): string => {
  if (!payers) return "any payer";
  return payers.only
    ? `only ${[...payers.only].sort()}`
    : `except ${[...(payers.except ?? [])].sort()}`;
};

/** "for medicare", "for payers other than medicare". None for a rule without a limit. */
export const payerLabel = ({ payers }: PayerLimits): string | undefined => {
  if (!payers) return undefined;
  if (payers.only) return `for ${payers.only.join(" or ")}`;
  return `for payers other than ${(payers.except ?? []).join(" or ")}`;
};
