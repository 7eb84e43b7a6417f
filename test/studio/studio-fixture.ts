import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createRulesTable } from "../../admin/create-table.js";
import { RuleStore } from "../../admin/rule-store.js";
import { utcDateOf } from "../../core/calendar-date.js";
import { createService } from "../../lambda/service.js";
import { serveHttp } from "../../local/local-api.js";
import { createDynamoClient } from "../../store/dynamodb-client.js";
import { type Studio, startStudio } from "../../studio/server.js";
import { editableShippedRules } from "../support/rule-sets.js";
import { publicKey, storeOptions } from "../support/signing.js";

/** The API's cache lifetime in these tests: a published change is served within it. */
const TTL_SECONDS = 1;

/** Today in UTC, as the studio's own launch reads it. */
export const today = (): string => utcDateOf(new Date());

export interface StudioFixture {
  readonly studio: Studio;
  /** The rules table the studio, the store and the API share. */
  readonly table: string;
  readonly store: RuleStore;
  /** The API served by the same table, as `npm start` serves it. */
  readonly apiUrl: string;
  stop(): Promise<void>;
}

let tables = 0;

/** A second person, sam, approves change request `number` and publishes it; answers its version. */
export const approvedAndPublished = async (store: RuleStore, number: number): Promise<number> => {
  const sam = { actor: "sam" };
  const approved = await store.requests.approve(number, sam);
  if (!approved.ok) throw new Error(approved.error.message);
  const published = await store.requests.publish(number, sam);
  if (!published.ok) throw new Error(published.error.message);
  return published.value.version.version;
};

/**
 * Publishes `content` over the active version as others would: alex proposes it (with leave for
 * past dates of service), sam approves and publishes it. Answers the version it became.
 */
export const publishedByOthers = async (
  store: RuleStore,
  content: unknown,
  title: string,
): Promise<number> => {
  const created = await store.requests.create(
    { title, content, allowPastChanges: true },
    { actor: "alex" },
  );
  if (!created.ok) throw new Error(created.error.message);
  return approvedAndPublished(store, created.value.number);
};

/** A fresh table with the shipped rules as version 1, the studio on it, and the API on it. */
export const studioOnFreshTable = async (): Promise<StudioFixture> => {
  tables += 1;
  const table = `studio-${Date.now()}-${tables}`;
  await createRulesTable(createDynamoClient(), table);
  const store = new RuleStore(createDynamoClient(), table, storeOptions());
  // An empty table's first version needs no change request: nothing was ever answered from it.
  const seeded = await store.publish(editableShippedRules(), {
    actor: "seeding",
    message: "shipped rules",
  });
  if (!seeded.ok) throw new Error(seeded.error.message);
  const studio = await startStudio({
    store,
    acting: { actor: "os-user:coding-manager", today },
  });
  const api: Server = await serveHttp(
    createService({ tableName: table, ttlSeconds: TTL_SECONDS, publicKey }).handle,
    0,
  );
  return {
    studio,
    table,
    store,
    apiUrl: `http://127.0.0.1:${(api.address() as AddressInfo).port}`,
    stop: async () => {
      await studio.stop();
      await new Promise((resolve) => api.close(resolve));
    },
  };
};
