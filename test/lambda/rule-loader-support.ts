import { beforeEach } from "vitest";
import { RuleStore } from "../../admin/rule-store.js";
import { RuleLoader } from "../../lambda/rule-loader.js";
import type { LoaderEvent, RuleSource } from "../../lambda/rule-source.js";
import { VersionReader } from "../../store/version-reader.js";
import { SETUP } from "../support/setup-authority.js";
import { storeOptions, verify } from "../support/signing.js";
import { dynamoClient, freshTable } from "../support/tables.js";

/*
 * What the RuleLoader files against DynamoDB Local share. Once a file calls `freshTableEachTest`,
 * every test in it has a rules table of its own (a random name), `store` publishing to it, and
 * `events` empty: `tableName`, `store` and `events` are live bindings, read them in the test.
 */

export const client = dynamoClient();
export let tableName: string;
export let store: RuleStore;
export let events: LoaderEvent[];

export const freshTableEachTest = () =>
  beforeEach(async () => {
    tableName = await freshTable();
    store = new RuleStore(client, tableName, storeOptions());
    events = [];
  });

/**
 * Makes `loaderFor(ttlSeconds, source)`: a loader reading this test's table unless given another
 * source, timed by `now`, reporting to `events`.
 */
export const loadersTimedBy =
  (now: () => number) =>
  (ttlSeconds = 5, source: RuleSource = new VersionReader(client, tableName)) =>
    new RuleLoader({
      source,
      verify,
      ttlSeconds,
      report: (event) => events.push(event),
      now,
    });

export const publish = async (input: unknown) => {
  const result = await store.publish(input, {
    allowPastChanges: true,
    authority: SETUP,
    actor: "test",
  });
  if (!result.ok) throw new Error(result.error.message);
  return result.value.version;
};

export const servedVersion = async (loader: RuleLoader) => {
  const loaded = await loader.load();
  return loaded.ok
    ? { version: loaded.value.version, stale: loaded.value.stale }
    : loaded.error.kind;
};
