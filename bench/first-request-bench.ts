import { MemoryAnchor } from "../admin/anchors/memory-anchor.js";
import { createRulesTable } from "../admin/create-table.js";
import { RuleStore } from "../admin/rule-store.js";
import { localSigner } from "../admin/signing/local-signer.js";
import { FUNCTION_ENV } from "../lambda/service-names.js";
import { LOCAL_DEFAULTS } from "../local/local-defaults.js";
import { createDynamoClient } from "../store/dynamodb-client.js";
import { largeRuleSet } from "../support/large-rule-sets.js";
import { type FirstRequest, firstRequestMs } from "./cold-start.js";
import { selectEvent } from "./events.js";

/** The generated versions whose first request is timed beside the shipped rules'. */
export const FIRST_REQUEST_SIZES = [1_000, 5_000] as const;

const PUBLISH_TRIES = 3;

/**
 * A table of its own holding one published version of `size` generated rules, signed locally.
 * Publish reads the version back within the function's read budget, which a busy machine can miss
 * at the limit: it is tried again, in a new table, before the bench gives up.
 */
const publishGenerated = async (endpoint: string, size: number): Promise<string> => {
  const client = createDynamoClient({ endpoint });
  const signer = localSigner(LOCAL_DEFAULTS.signingKeyFile);
  let refusal = "";
  for (let attempt = 1; attempt <= PUBLISH_TRIES; attempt += 1) {
    const tableName = `bench-first-request-${size}-${Date.now()}`;
    await createRulesTable(client, tableName);
    const store = new RuleStore(client, tableName, { signer, anchor: new MemoryAnchor() });
    const published = await store.publish(largeRuleSet(size), { actor: "bench" });
    if (published.ok) return tableName;
    refusal = published.error.message;
  }
  throw new Error(`the ${size}-rule version was refused ${PUBLISH_TRIES} times: ${refusal}`);
};

/**
 * The first request of a fresh process over DynamoDB Local (module init not included, the first
 * rule load is), median of fresh processes taking turns: with the shipped rules, and with a version
 * of each generated size, asked for the first of its procedures.
 */
export const measureFirstRequests = async (
  file: string,
  endpoint: string,
  env: Record<string, string>,
  shippedTable: string,
): Promise<{ shipped: number; bySize: Record<number, number> }> => {
  const generated: FirstRequest[] = [];
  for (const size of FIRST_REQUEST_SIZES)
    generated.push({
      env: { ...env, [FUNCTION_ENV.tableName]: await publishGenerated(endpoint, size) },
      event: selectEvent("procedure-000000"),
    });
  const shipped = { env: { ...env, [FUNCTION_ENV.tableName]: shippedTable }, event: selectEvent() };
  const [shippedMs = Number.NaN, ...bySize] = firstRequestMs(file, [shipped, ...generated]);
  return {
    shipped: shippedMs,
    bySize: Object.fromEntries(
      FIRST_REQUEST_SIZES.map((size, i) => [size, bySize[i] ?? Number.NaN]),
    ),
  };
};
