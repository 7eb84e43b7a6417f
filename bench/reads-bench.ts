import { Logger } from "@aws-lambda-powertools/logger";
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { localSigner } from "../admin/signing/local-signer.js";
import type { RuleVersions } from "../core/served-version.js";
import type { ApiHandler } from "../http/app.js";
import { selectionApi } from "../lambda/api/answers.js";
import { MetricBuffer } from "../lambda/metric-buffer.js";
import { powertoolsTelemetry } from "../lambda/powertools-telemetry.js";
import { RuleLoader } from "../lambda/rule-loader.js";
import { LOCAL_DEFAULTS } from "../local/local-defaults.js";
import { createDynamoClient } from "../store/dynamodb-client.js";
import { verifierFor } from "../store/signature.js";
import { VersionReader } from "../store/version-reader.js";
import { selectEvent } from "./events.js";

/** A DynamoDB client that counts every call it makes to DynamoDB. */
const countingClient = (
  endpoint: string,
): { client: DynamoDBClient; calls: () => number; reset: () => void } => {
  let calls = 0;
  const client = createDynamoClient({ endpoint });
  client.middlewareStack.add(
    (next) => async (args) => {
      calls += 1;
      return next(args);
    },
    { step: "initialize", name: "countCalls" },
  );
  return { client, calls: () => calls, reset: () => (calls = 0) };
};

/** Sends `count` requests at `perSecond`, on schedule, through the handler. */
const paced = async (handle: ApiHandler, count: number, perSecond: number): Promise<void> => {
  const started = performance.now();
  const pending: Promise<unknown>[] = [];
  for (let i = 0; i < count; i += 1) {
    const due = started + (i * 1000) / perSecond;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    pending.push(handle(selectEvent()));
  }
  await Promise.all(pending);
};

const apiWith = (rules: RuleVersions) =>
  selectionApi({
    rules,
    telemetry: powertoolsTelemetry(
      new Logger({ logLevel: "ERROR" }),
      new MetricBuffer({ namespace: "Bench", serviceName: "bench" }),
    ),
    today: () => "2026-11-24",
    now: () => performance.now(),
  });

/**
 * DynamoDB calls per 1,000 requests at a steady rate: the function's loader (pointer once per TTL,
 * contents cached) beside a naive loader that reads the table on every request.
 */
export const measureReads = async (
  endpoint: string,
  tableName: string,
  options = { perSecond: 200, seconds: 12, ttlSeconds: 5 },
) => {
  const counter = countingClient(endpoint);
  const source = new VersionReader(counter.client, tableName);
  const verify = verifierFor(await localSigner(LOCAL_DEFAULTS.signingKeyFile).publicKey());
  const warm = apiWith(new RuleLoader({ source, verify, ttlSeconds: options.ttlSeconds }));
  await warm(selectEvent()); // the cold load is not the warm path
  counter.reset();
  const requests = options.perSecond * options.seconds;
  await paced(warm, requests, options.perSecond);
  const perThousandWarm = (counter.calls() * 1000) / requests;

  const naive = apiWith({
    load: (pin) => new RuleLoader({ source, verify, ttlSeconds: options.ttlSeconds }).load(pin),
  });
  counter.reset();
  const naiveRequests = options.perSecond * 2;
  await paced(naive, naiveRequests, options.perSecond);
  const perThousandNaive = (counter.calls() * 1000) / naiveRequests;
  return { perThousandWarm, perThousandNaive, requests };
};
