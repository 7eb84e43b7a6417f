/** What the API reports about each request; the Powertools adapter is lambda/powertools-telemetry.ts. */
export interface RequestRecord {
  readonly requestId: string;
  readonly route: string;
  readonly status: number;
  readonly latencyMs: number;
  readonly ruleVersion?: number | undefined;
  readonly stale?: boolean | undefined;
  /** One entry per selection (one for selectCode, one per item for selectCodes). */
  readonly outcomes?: readonly Outcome[];
}

export type Outcome =
  | { readonly procedure: string; readonly code: string }
  | { readonly procedure?: string | undefined; readonly refusal: string };

export interface Telemetry {
  requestServed(record: RequestRecord): void;
  /** A bug: never carries the request body, only what identifies the request. */
  requestFailed(requestId: string, route: string, error: unknown): void;
}
