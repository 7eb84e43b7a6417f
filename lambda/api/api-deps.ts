import type { RuleVersions } from "../../core/served-version.js";
import type { Telemetry } from "./telemetry.js";

/** What the API needs from outside: the rule versions, telemetry and the clocks. */
export interface ApiDeps {
  readonly rules: RuleVersions;
  readonly telemetry: Telemetry;
  /** Today's date in UTC, YYYY-MM-DD. */
  readonly today: () => string;
  /** Milliseconds from a monotonic clock, for latency. */
  readonly now: () => number;
}
