/* What the rule loader is given: the source it reads, where its events go, and its options. */
import type { Verifier } from "../store/signature.js";
import type { ActivePointer, StoredContent, VersionMeta } from "../store/table-items.js";

/** The reads the loader needs; VersionReader provides them over DynamoDB. */
export interface RuleSource {
  activePointer(abortSignal?: AbortSignal): Promise<ActivePointer | undefined>;
  /**
   * Every version's metadata in one read, so a pin of a version that does not exist costs none of
   * its own, and a pinned version's revocation is known without a read per version.
   */
  listVersions(abortSignal?: AbortSignal): Promise<VersionMeta[]>;
  /** A version's items, reading no more than one past `atMost`: its signed item count. */
  versionContent(
    version: number,
    abortSignal?: AbortSignal,
    atMost?: number,
  ): Promise<StoredContent>;
}

/** What the loader wants known; the function turns these into log lines and metrics. */
export type LoaderEvent =
  | { readonly kind: "version-loaded"; readonly version: number }
  | { readonly kind: "version-rejected"; readonly version: number; readonly reason: string }
  | { readonly kind: "pointer-rejected"; readonly reason: string }
  | {
      readonly kind: "store-unreachable";
      readonly version?: number | undefined;
      readonly reason: string;
    };

export interface LoaderOptions {
  readonly source: RuleSource;
  /** Checks each version's signature with the stack's public key, locally. */
  readonly verify: Verifier;
  /**
   * How long the active pointer, the version list (and with it a pinned version's revocation), and
   * any failed or missing version are trusted before they are read again.
   */
  readonly ttlSeconds: number;
  /** The longest any one read may hold up a request; READ_TIMEOUT_MS unless given. */
  readonly timeoutMs?: number;
  readonly report?: (event: LoaderEvent) => void;
  /** Milliseconds, for the TTL. */
  readonly now?: () => number;
}
