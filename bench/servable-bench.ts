import { performance } from "node:perf_hooks";
import { MemoryAnchor } from "../admin/anchors/memory-anchor.js";
import { createRulesTable } from "../admin/create-table.js";
import { RuleStore } from "../admin/rule-store.js";
import { localSigner } from "../admin/signing/local-signer.js";
import { RULE_SET_LIMITS } from "../core/limits.js";
import { LOCAL_DEFAULTS } from "../local/local-defaults.js";
import { createDynamoClient } from "../store/dynamodb-client.js";
import { verifierFor } from "../store/signature.js";
import { signedItemCount } from "../store/table-items.js";
import { checkStoredVersion } from "../store/version-check.js";
import { READ_TIMEOUT_MS, storedVersion, VersionReader } from "../store/version-reader.js";
import { largeRuleSet } from "../support/large-rule-sets.js";
import { measureHttp } from "./http-bench.js";
import { median } from "./median.js";

export interface ServableFigures {
  /** Whether publish took the version: its own read-back, under load, stayed within the budget. */
  readonly published: boolean;
  readonly quietMedianMs: number;
  readonly loadedMedianMs: number;
  readonly loadedMaxMs: number;
  /** The function's read budget, which publish's read-back now shares. */
  readonly budgetMs: number;
}

const READS = 5;

/**
 * How long a version at the rule limit takes to read and check as the function loads it (the
 * read publish makes before it lets the version go live), alone and while the local API serves a
 * steady load from the same DynamoDB Local: the figure that publish's budget must stay above.
 */
export const measureServableAtLimit = async (
  url: string,
  endpoint: string,
): Promise<ServableFigures> => {
  const client = createDynamoClient({ endpoint });
  const tableName = `bench-limit-${Date.now()}`;
  await createRulesTable(client, tableName);
  const signer = localSigner(LOCAL_DEFAULTS.signingKeyFile);
  const verify = verifierFor(await signer.publicKey());
  const store = new RuleStore(client, tableName, { signer, anchor: new MemoryAnchor() });
  const loading = measureHttp(url, 30);
  const published = await store.publish(largeRuleSet(RULE_SET_LIMITS.rules), { actor: "bench" });
  if (!published.ok)
    process.stderr.write(`bench: the limit version was refused: ${published.error.message}\n`);
  const reader = new VersionReader(client, tableName);
  const readOnce = async () => {
    const started = performance.now();
    const meta = await reader.versionMeta(1);
    if (!meta) throw new Error("the limit version was not written");
    const content = await reader.versionContent(1, undefined, signedItemCount(meta));
    if (!checkStoredVersion(storedVersion(meta, content), verify).ok)
      throw new Error("the limit version fails its check");
    return performance.now() - started;
  };
  const loaded: number[] = [];
  for (let read = 0; read < READS; read += 1) loaded.push(await readOnce());
  await loading;
  const quiet: number[] = [];
  for (let read = 0; read < READS; read += 1) quiet.push(await readOnce());
  return {
    published: published.ok,
    quietMedianMs: median(quiet),
    loadedMedianMs: median(loaded),
    loadedMaxMs: Math.max(...loaded),
    budgetMs: READ_TIMEOUT_MS,
  };
};
