import type { RuleVersions } from "../../core/served-version.js";
import type { AppDeps } from "../../http/app.js";

/** What the selection API needs from outside: the rule versions, telemetry and the clocks. */
export interface ApiDeps extends AppDeps {
  readonly rules: RuleVersions;
  /** Today's date in UTC, YYYY-MM-DD. */
  readonly today: () => string;
}
