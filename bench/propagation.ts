import { MemoryAnchor } from "../admin/anchors/memory-anchor.js";
import type { DoorAuthority } from "../admin/change.js";
import { RuleStore } from "../admin/rule-store.js";
import { localSigner } from "../admin/signing/local-signer.js";
import { ROUTES } from "../http/routes.js";
import { LOCAL_DEFAULTS } from "../local/local-defaults.js";
import { readRuleFiles } from "../rule-files/read-rule-files.js";
import { createDynamoClient } from "../store/dynamodb-client.js";

interface Sample {
  readonly at: number;
  readonly status: number;
  readonly version: number | undefined;
}

export interface SwitchFigures {
  /** Seconds from the store change until the last response still carrying the old version. */
  readonly seconds: number;
  readonly non2xx: number;
  readonly responses: number;
}

/** The benchmark changes served rules on its own: break glass, as in an incident drill. */
const BENCH: DoorAuthority = { kind: "break-glass", reason: "propagation benchmark" };

const body = JSON.stringify({
  procedure: "ecmo-cannula-insertion-percutaneous",
  dateOfBirth: "2020-11-25",
  dateOfService: "2026-11-24",
});

const sampleLoop = async (
  url: string,
  samples: Sample[],
  running: () => boolean,
): Promise<void> => {
  while (running()) {
    try {
      const response = await fetch(`${url}${ROUTES.selectCode.path}`, { method: "POST", body });
      const answer = (await response.json()) as { ruleVersion?: number };
      samples.push({ at: performance.now(), status: response.status, version: answer.ruleVersion });
    } catch {
      samples.push({ at: performance.now(), status: 0, version: undefined });
    }
  }
};

const switchFigures = (
  samples: readonly Sample[],
  from: number,
  until: number,
  target: number,
): SwitchFigures => {
  const window = samples.filter((s) => s.at >= from && s.at < until);
  const lastOther = window.filter((s) => s.version !== target).at(-1);
  return {
    seconds: lastOther ? (lastOther.at - from) / 1000 : 0,
    non2xx: window.filter((s) => s.status < 200 || s.status >= 300).length,
    responses: window.length,
  };
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Under a steady load on the selectCode route, publishes a new version, then rolls back, and reports for
 * each switch how long until every response carried the new active version and how many failed.
 */
export const measurePropagation = async (
  url: string,
  endpoint: string,
  tableName: string,
  ttlSeconds: number,
  rulesDir: string,
) => {
  const store = new RuleStore(createDynamoClient({ endpoint }), tableName, {
    signer: localSigner(LOCAL_DEFAULTS.signingKeyFile),
    anchor: new MemoryAnchor(),
  });
  const rules = readRuleFiles(rulesDir);
  if (!rules.ok) throw new Error(rules.error);
  const changed = structuredClone(rules.value) as unknown as {
    rules: { id: string; text: string }[];
  };
  const rule = changed.rules.find((r) => r.id === "ecmo-cannula-insertion-percutaneous-33951");
  if (rule) rule.text = `${rule.text} (benchmark edit ${Date.now()})`;
  const before = (await store.activePointer())?.version;
  if (before === undefined) throw new Error("no active version to start from");

  const samples: Sample[] = [];
  let running = true;
  const loops = Promise.all(
    Array.from({ length: 6 }, () => sampleLoop(url, samples, () => running)),
  );
  await sleep(1_000);
  const publishedAt = performance.now();
  // The edit re-words a rule in effect since 2015: a past change, made on purpose here, alone,
  // so with break glass (DynamoDB Local raises no alarm).
  const published = await store.publish(changed, {
    allowPastChanges: true,
    authority: BENCH,
    actor: "bench",
    message: "propagation benchmark",
  });
  if (!published.ok) throw new Error(published.error.message);
  await sleep((ttlSeconds + 2) * 1000);
  const rolledBackAt = performance.now();
  const rolledBack = await store.rollback(before, {
    allowPastChanges: true,
    authority: BENCH,
    actor: "bench",
    message: "propagation benchmark rollback",
  });
  if (!rolledBack.ok) throw new Error(rolledBack.error.message);
  await sleep((ttlSeconds + 2) * 1000);
  running = false;
  await loops;
  return {
    publish: switchFigures(samples, publishedAt, rolledBackAt, published.value.version),
    rollback: switchFigures(samples, rolledBackAt, Number.POSITIVE_INFINITY, before),
  };
};
