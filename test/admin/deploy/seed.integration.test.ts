import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createSeedHandler, type SeedEvent, type SeedOutcome } from "../../../admin/deploy/seed.js";
import { RuleStore } from "../../../admin/rule-store.js";
import { projectPaths } from "../../../infra/project-paths.js";
import { readRuleFiles } from "../../../rule-files/read-rule-files.js";
import { storeOptions } from "../../support/signing.js";
import { dynamoClient, freshTable } from "../../support/tables.js";
import { SEED_EVENT_FIELDS } from "./seed-events.js";

const rulesFrom = (path: string) => {
  const read = readRuleFiles(path);
  if (!read.ok) throw new Error(read.error);
  return read.value;
};
const shipped = () => rulesFrom(projectPaths.rules);

const common = {
  ...SEED_EVENT_FIELDS,
};

const event = (requestType: SeedEvent["RequestType"], ruleSet: unknown = shipped()): SeedEvent => {
  const ResourceProperties = {
    ServiceToken: common.ServiceToken,
    RuleSet: JSON.stringify(ruleSet),
  };
  switch (requestType) {
    case "Create":
      return { ...common, RequestType: "Create", ResourceProperties };
    case "Update":
      return {
        ...common,
        RequestType: "Update",
        PhysicalResourceId: "seeded",
        ResourceProperties,
        OldResourceProperties: ResourceProperties,
      };
    case "Delete":
      return { ...common, RequestType: "Delete", PhysicalResourceId: "seeded", ResourceProperties };
  }
};

const setUp = async () => {
  const store = new RuleStore(dynamoClient(), await freshTable("seed"), storeOptions());
  const outcomes: SeedOutcome[] = [];
  const handle = createSeedHandler(
    () => store,
    (outcome) => outcomes.push(outcome),
  );
  return { store, outcomes, handle };
};

describe("the seed custom resource", () => {
  it("publishes the shipped rules as version 1 into a table with no active version", async () => {
    const { store, outcomes, handle } = await setUp();
    await handle(event("Create"));
    expect(outcomes).toEqual([{ kind: "published", version: 1 }]);
    expect((await store.activePointer())?.version).toBe(1);
    const [version] = await store.listVersions();
    expect(version).toMatchObject({
      version: 1,
      status: "published",
      actor: `cloudformation:${common.StackId}`,
      ruleCount: shipped().rules.length,
    });
  });

  it("keeps an admin's active version: no new version, nothing abandoned", async () => {
    const { store, outcomes, handle } = await setUp();
    const admins = rulesFrom(join(projectPaths.rules, "critical-care.yaml"));
    await store.publish(admins, { actor: "admin" });
    await handle(event("Create"));
    expect(outcomes).toEqual([{ kind: "kept", version: 1 }]);
    expect(await store.listVersions()).toEqual([
      expect.objectContaining({ version: 1, actor: "admin", ruleCount: admins.rules.length }),
    ]);
  });

  it.each([
    ["other rules", join(projectPaths.rules, "critical-care.yaml")],
    ["the shipped rules", projectPaths.rules],
  ])("keeps %s an admin published between its check and its write", async (_, path) => {
    const { store, outcomes } = await setUp();
    await store.publish(rulesFrom(path), { actor: "admin" });
    const unawareOfIt = {
      activePointer: async () => undefined,
      publish: store.publish.bind(store),
    };
    await createSeedHandler(
      () => unawareOfIt,
      (outcome) => outcomes.push(outcome),
    )(event("Create"));
    expect(outcomes).toEqual([{ kind: "kept", version: 1 }]);
    expect(await store.activePointer()).toMatchObject({ version: 1, actor: "admin" });
  });

  it("changes nothing on a stack update or delete, and keeps its physical id", async () => {
    const { store, outcomes, handle } = await setUp();
    for (const requestType of ["Update", "Delete"] as const) {
      expect(await handle(event(requestType))).toEqual({ PhysicalResourceId: "seeded" });
    }
    expect(outcomes).toEqual([
      { kind: "ignored", requestType: "Update" },
      { kind: "ignored", requestType: "Delete" },
    ]);
    expect(await store.listVersions()).toEqual([]);
  });

  it("fails the deploy, publishing nothing, when the rules do not validate", async () => {
    const { store, handle } = await setUp();
    const broken = { procedures: [], rules: [{ id: "no-such-procedure" }] };
    await expect(handle(event("Create", broken))).rejects.toThrow(/not published/);
    expect(await store.activePointer()).toBeUndefined();
  });
});
