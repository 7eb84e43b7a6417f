import { describeProblems, validateRuleSet } from "../core/validate.js";
import { ruleSetChecksum } from "./checksum.js";
import type { RuleSource } from "./rule-loader.js";
import type { ActivePointer, VersionMeta } from "./table-items.js";
import type { StoredContent, StoredVersion } from "./version-reader.js";

/**
 * Rule versions held in memory, published as RuleStore would store them (metadata, count and
 * checksum), for the API's tests and the bench, which need neither Java nor a port. The loader verifies and
 * validates what it reads from here exactly as it does what it reads from DynamoDB.
 */
export class MemoryRuleSource implements RuleSource {
  private readonly versions = new Map<number, StoredVersion>();
  private active: ActivePointer | undefined;

  /** Stores a version and makes it active; returns its number. */
  publish(
    content: { procedures: unknown[]; rules: unknown[] },
    by: { actor: string; message: string },
  ): number {
    const validated = validateRuleSet(content);
    if (!validated.ok) throw new Error(describeProblems(validated.error));
    const version = this.versions.size + 1;
    const at = new Date().toISOString();
    this.versions.set(version, {
      meta: {
        version,
        status: "published",
        ...by,
        createdAt: at,
        publishedAt: at,
        ruleCount: content.rules.length,
        procedureCount: content.procedures.length,
        checksum: ruleSetChecksum(validated.value),
      },
      content: structuredClone(content),
    });
    this.active = { version, updatedAt: at, actor: by.actor };
    return version;
  }

  async activePointer(): Promise<ActivePointer | undefined> {
    return this.active;
  }

  async listVersions(): Promise<VersionMeta[]> {
    return [...this.versions.values()].map(({ meta }) => meta).reverse();
  }

  async versionContent(version: number): Promise<StoredContent> {
    return this.versions.get(version)?.content ?? { procedures: [], rules: [] };
  }
}
