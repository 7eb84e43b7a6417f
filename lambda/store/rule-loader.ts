import { err, ok, type Result } from "../core/result.js";
import type { RulesRefusal, RuleVersions, ServedVersion } from "../core/served-version.js";
import { describeProblem, validateRuleSet } from "../core/validate.js";
import type { Verifier } from "../signing/signature.js";
import { ruleSetChecksum } from "./checksum.js";
import type { ActivePointer, VersionMeta } from "./table-items.js";
import type { StoredVersion } from "./version-reader.js";
import { versionSignatureHolds } from "./version-signature.js";

/** The reads the loader needs; VersionReader provides them over DynamoDB. */
export interface RuleSource {
  activePointer(abortSignal?: AbortSignal): Promise<ActivePointer | undefined>;
  readVersion(version: number, abortSignal?: AbortSignal): Promise<StoredVersion | undefined>;
  versionMeta(version: number, abortSignal?: AbortSignal): Promise<VersionMeta | undefined>;
}

/** What the loader wants known; the function turns these into log lines and metrics. */
export type LoaderEvent =
  | { readonly kind: "version-loaded"; readonly version: number }
  | { readonly kind: "version-rejected"; readonly version: number; readonly reason: string }
  | {
      readonly kind: "store-unreachable";
      readonly version?: number | undefined;
      readonly reason: string;
    };

export interface LoaderOptions {
  readonly source: RuleSource;
  /** Checks each version's signature with the stack's public key, locally. */
  readonly verify: Verifier;
  /** How long the active pointer (and a pinned version's revocation) is trusted before it is read again. */
  readonly ttlSeconds: number;
  /** The longest any one read may hold up a request. */
  readonly timeoutMs?: number;
  readonly report?: (event: LoaderEvent) => void;
  /** Milliseconds, for the TTL. */
  readonly now?: () => number;
}

type Fetched = Result<ServedVersion, RulesRefusal>;

const CACHED_VERSIONS = 4;

/**
 * Serves rule versions to the function: the active pointer is read at most once per TTL, version
 * contents are cached by number (they are immutable), and nothing is served that fails its
 * checksum, its signature or validation, or that is revoked. A pinned version's revocation is
 * read again once per TTL. When the store is unreachable the last good version is served, marked
 * stale.
 */
export class RuleLoader implements RuleVersions {
  private readonly cache = new Map<number, ServedVersion>();
  private readonly rejected = new Map<number, string>();
  private readonly revoked = new Map<number, string>();
  /** When each cached version's metadata was last read, for pinned requests' revocation check. */
  private readonly checkedAt = new Map<number, number>();
  private pointer: number | undefined;
  private pointerCheckedAt = Number.NEGATIVE_INFINITY;
  private pointerReadFailed = false;
  private refreshing: Promise<void> | undefined;
  private lastGood: number | undefined;
  private lastError: string | undefined;

  constructor(private readonly options: LoaderOptions) {}

  async load(options: { readonly version?: number | undefined } = {}): Promise<Fetched> {
    if (options.version !== undefined) return this.pinned(options.version);
    await this.refreshPointer();
    if (this.pointer !== undefined) {
      const active = await this.version(this.pointer);
      if (active.ok && !this.pointerReadFailed) {
        this.lastGood = active.value.version;
        return active;
      }
    }
    return this.lastGoodVersion();
  }

  private async pinned(version: number): Promise<Fetched> {
    const revoked = await this.revokedSince(version);
    if (revoked) return revoked;
    const loaded = await this.version(version);
    return loaded.ok ? ok({ ...loaded.value, stale: false }) : loaded;
  }

  /**
   * A version cached before it was revoked: its metadata is read again once per TTL. The active
   * version cannot be revoked, so only pinned requests pay for this; an unreachable store leaves the
   * cached version served.
   */
  private async revokedSince(version: number): Promise<Fetched | undefined> {
    const checked = this.checkedAt.get(version);
    if (!this.cache.has(version) || checked === undefined) return undefined;
    if (this.now() - checked < this.options.ttlSeconds * 1000) return undefined;
    try {
      const meta = await this.withTimeout((signal) =>
        this.options.source.versionMeta(version, signal),
      );
      this.checkedAt.set(version, this.now());
      if (!meta?.revoked) return undefined;
      this.cache.delete(version);
      return this.refuseRevoked(version, meta);
    } catch (error) {
      this.noteUnreachable(error, version);
      return undefined;
    }
  }

  private refuseRevoked(version: number, meta: VersionMeta): Fetched {
    const message = `rule version ${version} is revoked: ${meta.revoked?.reason ?? ""}`;
    this.revoked.set(version, message);
    return err({ kind: "revoked", version, message });
  }

  private lastGoodVersion(): Fetched {
    const good = this.lastGood === undefined ? undefined : this.cache.get(this.lastGood);
    if (good) return ok({ ...good, stale: true });
    const why = this.lastError ?? "no rule version has been published";
    return err({
      kind: "rules-unavailable",
      message: `no good rule version can be served: ${why}`,
    });
  }

  /** One read per TTL window, shared by every request that arrives while it runs. */
  private async refreshPointer(): Promise<void> {
    const now = this.now();
    if (now - this.pointerCheckedAt < this.options.ttlSeconds * 1000) return;
    this.refreshing ??= this.readPointer().finally(() => {
      this.refreshing = undefined;
    });
    await this.refreshing;
  }

  private async readPointer(): Promise<void> {
    try {
      const pointer = await this.withTimeout((signal) => this.options.source.activePointer(signal));
      this.pointer = pointer?.version;
      this.pointerReadFailed = false;
    } catch (error) {
      this.noteUnreachable(error);
      this.pointerReadFailed = true;
    } finally {
      // Set after the read, success or not, so a failing store costs one wait per window.
      this.pointerCheckedAt = this.now();
    }
  }

  private async version(version: number): Promise<Fetched> {
    const cached = this.cache.get(version);
    if (cached) return ok(cached);
    const rejection = this.rejected.get(version);
    if (rejection) return err({ kind: "version-rejected", version, message: rejection });
    const revocation = this.revoked.get(version);
    if (revocation) return err({ kind: "revoked", version, message: revocation });
    let stored: StoredVersion | undefined;
    try {
      stored = await this.withTimeout((signal) => this.options.source.readVersion(version, signal));
    } catch (error) {
      this.noteUnreachable(error, version);
      return err({
        kind: "rules-unavailable",
        message: `rule version ${version} cannot be read: ${this.lastError}`,
      });
    }
    if (stored?.meta.status !== "published") {
      return err({
        kind: "version-not-found",
        version,
        message: `rule version ${version} is not a published version`,
      });
    }
    if (stored.meta.revoked) return this.refuseRevoked(version, stored.meta);
    return this.admit(version, stored);
  }

  /** Verifies a version read from the store and caches it, or remembers why it was refused. */
  private admit(version: number, { meta, content }: StoredVersion): Fetched {
    const validated = validateRuleSet(content);
    const reason = this.rejectionReason(meta, content, validated);
    if (reason || !validated.ok) {
      const message = `rule version ${version} refused: ${reason ?? "it does not validate"}`;
      this.rejected.set(version, message);
      this.options.report?.({ kind: "version-rejected", version, reason: message });
      return err({ kind: "version-rejected", version, message });
    }
    const loaded: ServedVersion = {
      version,
      ruleSet: validated.value,
      publishedAt: meta.publishedAt ?? meta.createdAt,
      message: meta.message,
      actor: meta.actor,
      stale: false,
    };
    this.remember(loaded);
    this.checkedAt.set(version, this.now());
    this.options.report?.({ kind: "version-loaded", version });
    return ok(loaded);
  }

  private rejectionReason(
    meta: VersionMeta,
    content: StoredVersion["content"],
    validated: ReturnType<typeof validateRuleSet>,
  ): string | undefined {
    if (content.rules.length !== meta.ruleCount)
      return `it holds ${content.rules.length} rules, its metadata says ${meta.ruleCount}`;
    if (!validated.ok) {
      const [first] = validated.error;
      return `it does not validate (${validated.error.length} problem(s); first: ${first ? describeProblem(first) : ""})`;
    }
    if (ruleSetChecksum(content) !== meta.checksum)
      return "its content does not match its checksum";
    if (!versionSignatureHolds(this.options.verify, meta))
      return "its signature does not verify: it was changed outside publish, or never signed";
    return undefined;
  }

  private remember(loaded: ServedVersion): void {
    this.cache.delete(loaded.version);
    this.cache.set(loaded.version, loaded);
    for (const version of this.cache.keys()) {
      if (this.cache.size <= CACHED_VERSIONS) break;
      if (version !== this.lastGood) this.cache.delete(version);
    }
  }

  private noteUnreachable(error: unknown, version?: number): void {
    this.lastError = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    this.options.report?.({ kind: "store-unreachable", version, reason: this.lastError });
  }

  private async withTimeout<T>(read: (signal: AbortSignal) => Promise<T>): Promise<T> {
    return read(AbortSignal.timeout(this.options.timeoutMs ?? 1_000));
  }

  private now(): number {
    return this.options.now?.() ?? performance.now();
  }
}
