/**
 * The metrics the admin side raises, named once for the code that raises them and the stack that
 * alarms on them. This module imports nothing, so infra/ loads nothing through it.
 */
export const ADMIN_METRICS = {
  namespace: "CodeRules/Admin",
  /** One for every move made with --break-glass: published or rolled back without a second person. */
  breakGlassMoves: "BreakGlassMoves",
} as const;
