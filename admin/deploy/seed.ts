import type { CdkCustomResourceEvent, CdkCustomResourceResponse } from "aws-lambda";
import {
  type FirstVersionOutcome,
  type FirstVersionStore,
  publishIntoEmptyTable,
} from "../publish-first-version.js";
import type { SeedProperties } from "./deploy-names.js";

export type SeedEvent = CdkCustomResourceEvent<SeedProperties>;

export type SeedOutcome =
  | FirstVersionOutcome
  /** Updates and deletes of the stack never touch rules. */
  | { readonly kind: "ignored"; readonly requestType: "Update" | "Delete" };

const PHYSICAL_ID = "code-rules-shipped-rules-seed";

/**
 * The onEvent handler of the seed custom resource: on the stack's first deploy, publishes the
 * shipped rules as the first version, through the same RuleStore.publish the CLI uses, and only
 * while no version is active. Rules are the admins' from then on: a stack update (new shipped
 * rules included) or delete changes nothing in the table.
 *
 * The store is opened on Create only (on AWS, as the admin role, a right the seed loses right
 * after the first deploy): an Update or a Delete touches neither the store nor those rights.
 */
export const createSeedHandler =
  (
    openStore: () => FirstVersionStore | Promise<FirstVersionStore>,
    report: (outcome: SeedOutcome) => void,
  ) =>
  async (event: SeedEvent): Promise<CdkCustomResourceResponse> => {
    if (event.RequestType !== "Create") {
      report({ kind: "ignored", requestType: event.RequestType });
      return { PhysicalResourceId: event.PhysicalResourceId };
    }
    const store = await openStore();
    report(
      await publishIntoEmptyTable(store, JSON.parse(event.ResourceProperties.RuleSet), {
        actor: `cloudformation:${event.StackId}`,
        message: "Shipped rules (rules/*.yaml), seeded by the stack's first deploy",
      }),
    );
    return { PhysicalResourceId: PHYSICAL_ID };
  };
