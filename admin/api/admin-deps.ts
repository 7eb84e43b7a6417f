import type { AppDeps } from "../../http/app.js";
import type { RuleStore } from "../rule-store.js";

/** What the admin API needs from outside: the store it asks, the token's groups claim, the clocks. */
export interface AdminDeps extends AppDeps {
  /** Signs what it writes and keeps audit heads: the function's own KMS key and bucket. */
  readonly store: RuleStore;
  /** The claim that lists a person's groups (`cognito:groups` for Cognito). */
  readonly groupsClaim: string;
  /** Today's date in UTC, YYYY-MM-DD: dates of service before it are past. */
  readonly today: () => string;
}
