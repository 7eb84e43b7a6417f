import { createAdminService } from "../../admin/api/admin-service.js";
import { createRulesTable } from "../../admin/create-table.js";
import { ADMIN_GROUPS } from "../../admin/deploy/deploy-names.js";
import { RuleStore } from "../../admin/rule-store.js";
import { utcDateOf } from "../../core/calendar-date.js";
import { apiGatewayEvent, withJwtClaims } from "../../local/api-gateway-event.js";
import { apiGatewayClaimValue } from "../../local/jwt-authorizer.js";
import { createDynamoClient } from "../../store/dynamodb-client.js";
import { editableShippedRules } from "./rule-sets.js";
import { storeOptions } from "./signing.js";

/** Today in UTC, as the store's own clock reads it. */
export const today = (): string => utcDateOf(new Date());

/** A person as a token names them: the claims API Gateway's JWT authorizer hands on. */
export interface TokenPerson {
  readonly sub: string;
  readonly name: string;
  readonly groups: readonly string[];
}

export const ALEX: TokenPerson = {
  sub: "alex",
  name: "Alex Editor",
  groups: [ADMIN_GROUPS.editors],
};
export const SAM: TokenPerson = {
  sub: "sam",
  name: "Sam Approver",
  groups: [ADMIN_GROUPS.editors, ADMIN_GROUPS.approvers],
};

/** What the studio's API answered. */
export interface Answered {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

export interface AdminFixture {
  /** The rules table the store and the API share, with the shipped rules as version 1. */
  readonly table: string;
  readonly store: RuleStore;
  /** Calls the studio's API in process, as API Gateway hands it a request with a checked token. */
  call(person: TokenPerson, method: string, path: string, body?: unknown): Promise<Answered>;
}

let tables = 0;

/** A fresh table with the shipped rules as version 1, and the admin function's wiring on it. */
export const adminOnFreshTable = async (): Promise<AdminFixture> => {
  tables += 1;
  const table = `admin-${Date.now()}-${tables}`;
  await createRulesTable(createDynamoClient(), table);
  const store = new RuleStore(createDynamoClient(), table, storeOptions());
  // An empty table's first version needs no change request: nothing was ever answered from it.
  const seeded = await store.publish(editableShippedRules(), {
    actor: "seeding",
    message: "shipped rules",
  });
  if (!seeded.ok) throw new Error(seeded.error.message);
  const handle = createAdminService({
    store,
    groupsClaim: "cognito:groups",
    signIn: { issuer: "https://issuer.invalid", clientId: "studio", origins: [] },
    page: new Map(),
    telemetry: { requestServed: () => undefined, requestFailed: () => undefined },
  });
  let requests = 0;
  return {
    table,
    store,
    call: async (person, method, path, body) => {
      requests += 1;
      const event = apiGatewayEvent({
        method,
        path,
        requestId: `admin-${requests}`,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const result = await handle(
        withJwtClaims(event, {
          sub: person.sub,
          name: person.name,
          "cognito:groups": apiGatewayClaimValue(person.groups),
        }),
      );
      return { status: result.statusCode ?? 200, body: JSON.parse(result.body ?? "{}") };
    },
  };
};

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
