/** A message about an action, shown beside the control the person used. */
export interface Said {
  readonly kind: "done" | "error" | "working";
  readonly text: string;
  /** Each problem a refusal names, in words. */
  readonly details?: readonly string[];
}
