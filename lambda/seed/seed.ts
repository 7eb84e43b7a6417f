import type { CdkCustomResourceEvent, CdkCustomResourceResponse } from "aws-lambda";
import type { RuleStore } from "../store/rule-store.js";

/** The custom resource's properties, as the stack declares them. */
export interface SeedProperties {
  /**
   * The shipped rule set as one JSON string. CloudFormation hands custom resource properties over
   * as strings, so a rule set passed as an object would arrive with "5" for 5 and "true" for true.
   */
  readonly RuleSet: string;
}

export type SeedEvent = CdkCustomResourceEvent<SeedProperties>;

export type SeedOutcome =
  | { readonly kind: "published"; readonly version: number }
  /** Rules were already active (or became active while the seed ran): they stay as they are. */
  | { readonly kind: "kept"; readonly version: number | null }
  /** Updates and deletes of the stack never touch rules. */
  | { readonly kind: "ignored"; readonly requestType: "Update" | "Delete" };

/** The two things the seed asks of the store; RuleStore provides them. */
export type SeedStore = Pick<RuleStore, "activePointer" | "publish">;

const PHYSICAL_ID = "code-rules-shipped-rules-seed";

/**
 * The onEvent handler of the seed custom resource: on the stack's first deploy, publishes the
 * shipped rules as the first version, through the same RuleStore.publish the CLI uses, and only
 * while no version is active. Rules are the admins' from then on: a stack update (new shipped
 * rules included) or delete changes nothing in the table.
 */
export const createSeedHandler =
  (store: SeedStore, report: (outcome: SeedOutcome) => void) =>
  async (event: SeedEvent): Promise<CdkCustomResourceResponse> => {
    if (event.RequestType !== "Create") {
      report({ kind: "ignored", requestType: event.RequestType });
      return { PhysicalResourceId: event.PhysicalResourceId };
    }
    report(await seed(store, event));
    return { PhysicalResourceId: PHYSICAL_ID };
  };

const seed = async (store: SeedStore, event: SeedEvent): Promise<SeedOutcome> => {
  // Checked first so that a table with rules gets no abandoned version from a publish that loses.
  const active = await store.activePointer();
  if (active) return { kind: "kept", version: active.version };
  const published = await store.publish(JSON.parse(event.ResourceProperties.RuleSet), {
    actor: `cloudformation:${event.StackId}`,
    message: "Shipped rules (rules/*.yaml), seeded by the stack's first deploy",
    // Only onto an empty table: the pointer write is conditional on there being no active version.
    expectVersion: null,
  });
  if (published.ok) return { kind: "published", version: published.value.version };
  // Someone published since the check: their version stands, whatever it holds.
  const refusal = published.error;
  if (refusal.kind === "conflict") return { kind: "kept", version: refusal.active };
  if (refusal.kind === "unchanged") return { kind: "kept", version: refusal.version };
  throw new Error(`the shipped rules were not published: ${refusal.message}`);
};
