/**
 * Codes a rule may select: CPT Category I (five digits), CPT Category II or III (four digits and
 * F or T), or HCPCS Level II (a letter and four digits).
 */
export const BILLING_CODE_PATTERN = /^(\d{5}|\d{4}[FT]|[A-Z]\d{4})$/;

export const BILLING_CODE_RULE =
  "a CPT Category I code (5 digits), a Category II/III code (4 digits and F or T) or a HCPCS Level II code (a letter and 4 digits)";
