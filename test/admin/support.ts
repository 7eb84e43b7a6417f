import { beforeEach } from "vitest";
import { RuleStore } from "../../admin/rule-store.js";
import { SETUP } from "../support/setup-authority.js";
import { storeOptions } from "../support/signing.js";
import { dynamoClient, freshTable } from "../support/tables.js";

export const client = dynamoClient();

// Set by `storeOnFreshTable` before each of the calling file's tests; importers see them change.
export let store: RuleStore;
export let table: string;

/** Gives each test of the calling file a RuleStore on a new, empty table of its own. */
export const storeOnFreshTable = (): void => {
  beforeEach(async () => {
    table = await freshTable();
    store = new RuleStore(client, table, storeOptions());
  });
};

/**
 * Publishes as alice through the current store, and fails the test when it is refused. Tests of
 * what a publish writes set their rules up this way, with break glass's leave: change requests
 * have their own tests.
 */
export const publishOrThrow = async (input: unknown, message = "") => {
  const result = await store.publish(input, {
    allowPastChanges: true,
    authority: SETUP,
    actor: "alice",
    message,
  });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
};

export { SETUP };
