import { compiledOf } from "../core/compiled-rule-set.js";
import { err, ok, type Result } from "../core/result.js";
import type { RulesRefusal, RuleVersions, ServedVersion } from "../core/served-version.js";
import { pointerSignatureHolds } from "../store/pointer-signature.js";
import {
  type ActivePointer,
  type StoredContent,
  signedItemCount,
  type VersionMeta,
} from "../store/table-items.js";
import { checkStoredVersion, overLimits } from "../store/version-check.js";
import { READ_TIMEOUT_MS, storedVersion } from "../store/version-reader.js";
import type { LoaderOptions } from "./rule-source.js";
import { sharedRead } from "./shared-read.js";

type Fetched = Result<ServedVersion, RulesRefusal>;

/**
 * Versions kept in memory, and how many versions not among them may be read per TTL window: pins
 * cycling over more versions than this wait for the next window instead of re-reading the table.
 */
export const CACHED_VERSIONS = 16;

/** What a caller is told when the store fails; the store's own error text goes to the log only. */
const UNREACHABLE = "the rules store cannot be reached";

interface Remembered {
  readonly refusal: RulesRefusal;
  /** Until when the refusal stands (milliseconds on the loader's clock); a refused version's is forever. */
  readonly until: number;
}

/**
 * Serves rule versions to the function. Every read is shared by the requests that arrive while it
 * runs and its outcome is kept: the active pointer and the version list for one TTL, a version that
 * is missing or could not be read until the next window, a version's content (immutable) until
 * evicted, a refused version forever. So callers cannot multiply the reads: a pin of a version
 * that does not exist costs none, and the first batch after a publish reads the new version once.
 * Nothing is served that fails its limits, checksum, signature or validation, or that is revoked;
 * a cached pinned version's revocation is seen in the version list, read at most once per TTL.
 * When the store is unreachable the last good version is served, marked stale.
 */
export class RuleLoader implements RuleVersions {
  private readonly cache = new Map<number, ServedVersion>();
  private readonly refused = new Map<number, Remembered>();
  private readonly reading = new Map<number, Promise<Fetched>>();
  private pointer: number | undefined;
  private pointerCheckedAt = Number.NEGATIVE_INFINITY;
  private pointerReadFailed = false;
  /** Every version a signed pointer read has said is revoked: the set only grows. */
  private readonly revokedByPointer = new Set<number>();
  /** The revision of the newest pointer followed: an older one is a copy put back. */
  private pointerRevision = 0;
  private readonly pointerRead = sharedRead(() => this.readPointer());
  private revocationsCheckedAt = Number.NEGATIVE_INFINITY;
  private readonly revocationsRead = sharedRead(() => this.readRevocations());
  private catalog: { readonly metas: Map<number, VersionMeta>; readonly at: number } | undefined;
  private readonly versionListRead = sharedRead(() => this.readVersionList());
  private catalogFailedAt = Number.NEGATIVE_INFINITY;
  private window = { start: Number.NEGATIVE_INFINITY, reads: 0 };
  private lastGood: number | undefined;
  private lastFailure: string | undefined;

  constructor(private readonly options: LoaderOptions) {}

  async load(options: { readonly version?: number | undefined } = {}): Promise<Fetched> {
    if (options.version !== undefined) return this.pinned(options.version);
    await this.refreshPointer();
    if (this.pointer !== undefined) {
      const active = await this.version(this.pointer, true);
      if (active.ok && !this.pointerReadFailed) {
        this.lastGood = active.value.version;
        return active;
      }
      // Said when nothing good is left to serve: why the active version is not served.
      if (!active.ok) this.lastFailure = active.error.message;
    }
    return this.lastGoodVersion();
  }

  private async pinned(version: number): Promise<Fetched> {
    await this.refreshRevocations();
    const revoked = await this.revokedSince(version);
    if (revoked) return revoked;
    const loaded = await this.version(version, false);
    return loaded.ok ? ok({ ...loaded.value, stale: false }) : loaded;
  }

  /**
   * A version the signed pointer lists as revoked, or one cached before it was revoked: the
   * version list, read at most once per TTL window and shared with every other read, says so (and
   * why). The active version cannot be revoked, so only pinned requests look. An unreachable store
   * leaves a cached version served.
   */
  private async revokedSince(version: number): Promise<Fetched | undefined> {
    const byPointer = this.revokedByPointer.has(version);
    if (!byPointer && !this.cache.has(version)) return undefined;
    const meta = (await this.versionList(undefined))?.get(version);
    if (!byPointer && !meta?.revoked) return undefined;
    this.cache.delete(version);
    return this.refuseRevoked(version, meta?.revoked?.reason);
  }

  /**
   * A revocation made through code-rules is final (nothing undoes it), but one written into the
   * table by another hand may be undone: it is remembered for one window, then read again.
   */
  private refuseRevoked(version: number, reason: string | undefined): Fetched {
    const why = reason === undefined ? "" : `: ${reason}`;
    return this.remember(
      version,
      { kind: "revoked", version, message: `rule version ${version} is revoked${why}` },
      this.nextWindow(),
    );
  }

  private lastGoodVersion(): Fetched {
    const good = this.lastGood === undefined ? undefined : this.cache.get(this.lastGood);
    if (good) return ok({ ...good, stale: true });
    const why = this.lastFailure ?? "no rule version has been published";
    return err({
      kind: "rules-unavailable",
      message: `no good rule version can be served: ${why}`,
    });
  }

  /**
   * The signed pointer lists every revoked version, so pins read it too: once per window unless an
   * unpinned request read it in this one, shared, and without following it (an unpinned request
   * after a pin still reads the pointer of its own window). An instance that only ever serves pins
   * then sees a revocation taken out of a version's metadata by another hand.
   */
  private async refreshRevocations(): Promise<void> {
    const lastRead = Math.max(this.pointerCheckedAt, this.revocationsCheckedAt);
    if (this.now() - lastRead < this.ttlMs()) return;
    await this.revocationsRead();
  }

  private async readRevocations(): Promise<void> {
    try {
      const pointer = await this.withTimeout((signal) => this.options.source.activePointer(signal));
      if (pointer && !this.pointerFault(pointer))
        for (const version of pointer.revoked ?? []) this.revokedByPointer.add(version);
    } catch {
      // A pin does not wait on the pointer: a version's own mark and the version list still count.
    } finally {
      this.revocationsCheckedAt = this.now();
    }
  }

  /** One read per TTL window, shared by every request that arrives while it runs. */
  private async refreshPointer(): Promise<void> {
    if (this.now() - this.pointerCheckedAt < this.ttlMs()) return;
    await this.pointerRead();
  }

  private async readPointer(): Promise<void> {
    try {
      const pointer = await this.withTimeout((signal) => this.options.source.activePointer(signal));
      const fault = this.pointerFault(pointer);
      if (fault) return this.refusePointer(fault);
      this.pointer = pointer?.version;
      this.pointerRevision = pointer?.revision ?? 0;
      for (const version of pointer?.revoked ?? []) this.revokedByPointer.add(version);
      this.pointerReadFailed = false;
      this.lastFailure = undefined;
    } catch (error) {
      this.noteUnreachable(error);
      this.pointerReadFailed = true;
    } finally {
      // Set after the read, success or not, so a failing store costs one wait per window.
      this.pointerCheckedAt = this.now();
    }
  }

  /**
   * Why a pointer read is not followed: its signature fails, or it is older than one this instance
   * has followed (a signed pointer copied back), or it is gone after one was followed.
   */
  private pointerFault(pointer: ActivePointer | undefined): string | undefined {
    if (!pointer)
      return this.pointerRevision > 0 ? "is gone after a signed one was followed" : undefined;
    if (!pointerSignatureHolds(this.options.verify, pointer))
      return `(naming version ${pointer.version}) fails its signature`;
    if ((pointer.revision ?? 0) < this.pointerRevision)
      return `(naming version ${pointer.version}) is older than one already followed (revision ${pointer.revision ?? 0} after ${this.pointerRevision})`;
    return undefined;
  }

  /**
   * A pointer whose signature fails was moved, or had a revocation taken out, by another hand:
   * it is not followed, and the last good version is served, marked stale, as in an outage.
   */
  private refusePointer(fault: string): void {
    const reason = `the active pointer ${fault}: it was changed outside code-rules`;
    this.options.report?.({ kind: "pointer-rejected", reason });
    this.pointerReadFailed = true;
    this.lastFailure = reason;
  }

  /** A version from memory, from what is remembered of it, or from one read shared by every asker. */
  private async version(version: number, active: boolean): Promise<Fetched> {
    const cached = this.cache.get(version);
    if (cached) {
      this.touch(cached);
      return ok(cached);
    }
    const remembered = this.refused.get(version);
    // The pointer naming a version remembered as missing means it was published since.
    const published = active && remembered?.refusal.kind === "version-not-found";
    if (remembered && remembered.until > this.now() && !published) return err(remembered.refusal);
    let reading = this.reading.get(version);
    if (!reading) {
      reading = this.read(version, active).finally(() => this.reading.delete(version));
      this.reading.set(version, reading);
    }
    return reading;
  }

  private async read(version: number, active: boolean): Promise<Fetched> {
    const metas = await this.versionList(active ? version : undefined);
    if (!metas) return this.remember(version, unreachable(version), this.nextWindow());
    const meta = metas.get(version);
    if (meta?.status !== "published") {
      return this.remember(
        version,
        {
          kind: "version-not-found",
          version,
          message: `rule version ${version} is not a published version`,
        },
        this.nextWindow(),
      );
    }
    if (meta.revoked) return this.refuseRevoked(version, meta.revoked?.reason);
    const tooLarge = overLimits(meta);
    if (tooLarge) return this.reject(version, tooLarge);
    if (!active && !this.mayRead()) {
      return err({
        kind: "rules-unavailable",
        message: `more than ${CACHED_VERSIONS} rule versions were pinned within ${this.options.ttlSeconds} s; retry later`,
      });
    }
    let content: StoredContent;
    try {
      content = await this.withTimeout((signal) =>
        this.options.source.versionContent(version, signal, signedItemCount(meta)),
      );
    } catch (error) {
      this.noteUnreachable(error, version);
      return this.remember(version, unreachable(version), this.nextWindow());
    }
    return this.admit(version, meta, content);
  }

  /**
   * Every version's metadata, read at most once per TTL window, or once more when the pointer
   * names a version the list does not hold as published: the list may predate the publish, read
   * before the version existed or while it was staged. The pointer only ever names a published
   * version, so a list read since the pointer was read is not read again for it.
   */
  private async versionList(
    needed: number | undefined,
  ): Promise<Map<number, VersionMeta> | undefined> {
    const current = this.catalog;
    if (current && this.now() - current.at < this.ttlMs()) {
      const predatesPointer =
        needed !== undefined &&
        current.metas.get(needed)?.status !== "published" &&
        current.at < this.pointerCheckedAt;
      if (!predatesPointer) return current.metas;
    }
    if (this.now() - this.catalogFailedAt < this.ttlMs()) return undefined;
    return this.versionListRead();
  }

  private async readVersionList(): Promise<Map<number, VersionMeta> | undefined> {
    try {
      const metas = await this.withTimeout((signal) => this.options.source.listVersions(signal));
      const catalog = { metas: new Map(metas.map((meta) => [meta.version, meta])), at: this.now() };
      this.catalog = catalog;
      return catalog.metas;
    } catch (error) {
      this.noteUnreachable(error);
      this.catalogFailedAt = this.now();
      return undefined;
    }
  }

  /** Verifies a version read from the store and caches it, or remembers why it was refused. */
  private admit(version: number, meta: VersionMeta, content: StoredContent): Fetched {
    const verified = checkStoredVersion(storedVersion(meta, content), this.options.verify);
    if (!verified.ok) return this.reject(version, verified.error.reason);
    // Compiled once here, with the version's load, rather than by whichever request comes first.
    compiledOf(verified.value);
    const loaded: ServedVersion = {
      version,
      ruleSet: verified.value,
      publishedAt: meta.publishedAt ?? meta.createdAt,
      message: meta.message,
      actor: meta.actor,
      stale: false,
    };
    this.touch(loaded);
    this.options.report?.({ kind: "version-loaded", version });
    return ok(loaded);
  }

  private reject(version: number, reason: string): Fetched {
    const message = `rule version ${version} refused: ${reason}`;
    this.options.report?.({ kind: "version-rejected", version, reason: message });
    return this.remember(
      version,
      { kind: "version-rejected", version, message },
      Number.POSITIVE_INFINITY,
    );
  }

  private remember(version: number, refusal: RulesRefusal, until: number): Fetched {
    this.refused.set(version, { refusal, until });
    return err(refusal);
  }

  /** Keeps a served version as the most recently used; the least recently used one goes first. */
  private touch(loaded: ServedVersion): void {
    this.cache.delete(loaded.version);
    this.cache.set(loaded.version, loaded);
    // The last good (active) version is kept besides CACHED_VERSIONS pinned ones: pins never
    // share its place, so a working set of that many pinned versions is never evicted.
    const bound = this.lastGood !== undefined && this.cache.has(this.lastGood) ? 1 : 0;
    for (const version of this.cache.keys()) {
      if (this.cache.size <= CACHED_VERSIONS + bound) break;
      if (version !== this.lastGood) this.cache.delete(version);
    }
  }

  /** Counts a read of a version not in memory against this window's allowance. */
  private mayRead(): boolean {
    const now = this.now();
    if (now - this.window.start >= this.ttlMs()) this.window = { start: now, reads: 0 };
    this.window.reads += 1;
    return this.window.reads <= CACHED_VERSIONS;
  }

  private noteUnreachable(error: unknown, version?: number): void {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    this.lastFailure = UNREACHABLE;
    this.options.report?.({ kind: "store-unreachable", version, reason });
  }

  private async withTimeout<T>(read: (signal: AbortSignal) => Promise<T>): Promise<T> {
    return read(AbortSignal.timeout(this.options.timeoutMs ?? READ_TIMEOUT_MS));
  }

  private nextWindow(): number {
    return this.now() + this.ttlMs();
  }

  private ttlMs(): number {
    return this.options.ttlSeconds * 1000;
  }

  private now(): number {
    return this.options.now?.() ?? performance.now();
  }
}

const unreachable = (version: number): RulesRefusal => ({
  kind: "rules-unavailable",
  message: `rule version ${version} cannot be read: ${UNREACHABLE}`,
});
