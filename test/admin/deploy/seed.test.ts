import { describe, expect, it } from "vitest";
import { createSeedHandler, type SeedEvent } from "../../../admin/deploy/seed.js";
import { SEED_EVENT_FIELDS } from "./seed-events.js";

const common = {
  ...SEED_EVENT_FIELDS,
  ResourceProperties: { ServiceToken: "token", RuleSet: "{}" },
};

describe("the seed's store", () => {
  it("is never opened on a stack update or delete: the seed's access to the admin role is gone by then", async () => {
    let opened = 0;
    const handle = createSeedHandler(
      () => {
        opened++;
        throw new Error("the seed may no longer assume the admin role");
      },
      () => {},
    );
    const events = [
      {
        ...common,
        RequestType: "Update",
        PhysicalResourceId: "seeded",
        OldResourceProperties: common.ResourceProperties,
      },
      { ...common, RequestType: "Delete", PhysicalResourceId: "seeded" },
    ] as SeedEvent[];
    for (const event of events) {
      await expect(handle(event)).resolves.toEqual({ PhysicalResourceId: "seeded" });
    }
    expect(opened).toBe(0);
  });

  it("is opened on the first deploy's Create, and a refusal to open it fails the deploy", async () => {
    const handle = createSeedHandler(
      async () => {
        throw new Error("AccessDenied");
      },
      () => {},
    );
    await expect(handle({ ...common, RequestType: "Create" } as SeedEvent)).rejects.toThrow(
      /AccessDenied/,
    );
  });
});
