import { NO_ADMIN_METRICS } from "../admin/admin-metrics.js";
import type { Change } from "../admin/change.js";
import { cloudWatchAdminMetrics } from "../admin/cloudwatch-metrics.js";
import { RuleStore } from "../admin/rule-store.js";
import { noteRefusal } from "../admin/store-refusal.js";
import type { RuleSet } from "../core/rule-set.js";
import { createDynamoClient } from "../store/dynamodb-client.js";
import { cliAnchor } from "./audit-anchor-choice.js";
import { callerIdentity } from "./caller-identity.js";
import { refused } from "./cli-error.js";
import { cliSigner } from "./signing-key.js";
import { endpointOverride, onDynamoDbLocal } from "./where-it-runs.js";

/** What a command says: `human` by default, `json` with --json. */
export interface Output {
  readonly human: string;
  readonly json: unknown;
  /** The exit code of a command that ran to its end and still has something to say by it (check-claims). */
  readonly exitCode?: number;
}

export interface Context {
  readonly table: string;
  /** `--actor`: a note beside the identity the credentials give. */
  readonly actorNote?: string | undefined;
  /** The environment the run reads: the signing key, and whether DynamoDB Local stands in for AWS. */
  readonly env: NodeJS.ProcessEnv;
}

/**
 * A DynamoDB client for the run's environment: DynamoDB Local where it names one (the signer and
 * the caller identity read the same variable), AWS otherwise.
 */
export const dynamoClientFor = (context: Context) =>
  createDynamoClient({ endpoint: endpointOverride(context.env) });

const stores = new WeakMap<Context, RuleStore>();

/**
 * The command's store: one DynamoDB client and one signer however many reads the command makes,
 * so credentials (an SSO or assumed-role session) are resolved once.
 */
export const store = (context: Context): RuleStore => {
  let made = stores.get(context);
  if (!made) {
    // Break glass raises its alarm in CloudWatch on AWS; DynamoDB Local has no CloudWatch to raise it in.
    const metrics = onDynamoDbLocal(context.env) ? NO_ADMIN_METRICS : cloudWatchAdminMetrics();
    made = new RuleStore(dynamoClientFor(context), context.table, {
      signer: cliSigner(context.env),
      anchor: cliAnchor(context.env, context.table),
      metrics,
    });
    stores.set(context, made);
  }
  return made;
};

/** Who acts, for the audit trail: the caller's identity, and what they said about themselves. */
export const actingAs = async (context: Context): Promise<Pick<Change, "actor" | "actorNote">> => ({
  actor: await callerIdentity(undefined, context.env),
  actorNote: context.actorNote,
});

/** What the admin wrote about the change, refused before anything is read, as the store refuses it. */
export const refuseBadNotes = (
  context: Context,
  notes: { message?: string; reason?: string },
): void => {
  const refusal = noteRefusal({ ...notes, actorNote: context.actorNote });
  if (refusal) throw refused(refusal);
};

export const readStoredVersion = async (context: Context, version: number): Promise<RuleSet> => {
  const published = await store(context).readPublished(version);
  if (!published.ok) throw refused(published.error);
  return published.value.ruleSet;
};

export const activeVersion = async (context: Context): Promise<number | undefined> =>
  (await store(context).activePointer())?.version;

export const describeActive = (version: number | undefined): string =>
  version === undefined ? "against an empty table" : `against active version ${version}`;
