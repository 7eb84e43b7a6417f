import { keySigner, newSigningKey, publicKeyOf } from "../admin/signing/local-signer.js";
import { signVersion } from "../admin/signing/sign-version.js";
import { describeProblems } from "../core/rule-problem.js";
import type { RuleSetContent } from "../core/rule-set.js";
import { validateRuleSet } from "../core/validate.js";
import type { RuleSource } from "../lambda/rule-source.js";
import { ruleSetChecksum } from "../store/checksum.js";
import { pointerSigningPayload } from "../store/pointer-signature.js";
import type { ActivePointer, StoredContent, VersionMeta } from "../store/table-items.js";
import type { StoredVersion } from "../store/version-reader.js";

/**
 * Rule versions held in memory, published as RuleStore would store them (metadata, count,
 * checksum and signature, with a key of its own), for the API's tests and the bench, which need
 * neither Java nor a port. The loader verifies and validates what it reads from here exactly as it
 * does what it reads from DynamoDB.
 */
export class MemoryRuleSource implements RuleSource {
  private readonly versions = new Map<number, StoredVersion>();
  private active: ActivePointer | undefined;
  private readonly key = newSigningKey();
  private readonly signer = keySigner(this.key, "memory");
  /** The public key its versions verify with: the function's RULES_SIGNING_PUBLIC_KEY. */
  readonly publicKey = publicKeyOf(this.key);

  /** Stores a version and makes it active; returns its number. */
  async publish(content: RuleSetContent, by: { actor: string; message: string }): Promise<number> {
    const validated = validateRuleSet(content);
    if (!validated.ok) throw new Error(describeProblems(validated.error));
    const version = this.versions.size + 1;
    const at = new Date().toISOString();
    this.versions.set(version, {
      meta: await signVersion(this.signer, {
        version,
        status: "published",
        ...by,
        createdAt: at,
        publishedAt: at,
        ruleCount: content.rules.length,
        procedureCount: content.procedures.length,
        checksum: ruleSetChecksum(validated.value),
      }),
      content: structuredClone(content),
      unknownItems: 0,
    });
    await this.point({ version, updatedAt: at, actor: by.actor, revoked: this.active?.revoked });
    return version;
  }

  /** Revokes a version, as `code-rules revoke` does: in its metadata and in the signed pointer. */
  async revoke(version: number, reason: string): Promise<void> {
    const stored = this.versions.get(version);
    if (!stored || !this.active) throw new Error(`there is no version ${version}`);
    const revoked = { at: new Date().toISOString(), actor: "memory", reason };
    this.versions.set(version, { ...stored, meta: { ...stored.meta, revoked } });
    await this.point({ ...this.active, revoked: [...(this.active.revoked ?? []), version] });
  }

  /** Moves the pointer, signed as the store signs it. */
  private async point(next: Omit<ActivePointer, "revision" | "signature">): Promise<void> {
    const pointer = {
      ...next,
      revoked: next.revoked ?? [],
      revision: (this.active?.revision ?? 0) + 1,
    };
    this.active = { ...pointer, signature: await this.signer.sign(pointerSigningPayload(pointer)) };
  }

  async activePointer(): Promise<ActivePointer | undefined> {
    return this.active;
  }

  async listVersions(): Promise<VersionMeta[]> {
    return [...this.versions.values()].map(({ meta }) => meta).reverse();
  }

  async versionContent(version: number): Promise<StoredContent> {
    const stored = this.versions.get(version);
    return {
      procedures: [],
      rules: [],
      ...stored?.content,
      unknownItems: stored?.unknownItems ?? 0,
    };
  }
}
