import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { type DynamoDbLocal, startDynamoDbLocal } from "../../local/dynamodb-local.js";

declare module "vitest" {
  export interface ProvidedContext {
    dynamoEndpoint: string;
    auditHeads: string;
  }
}

let dynamo: DynamoDbLocal | undefined;
let auditHeads: string | undefined;

/**
 * One in-memory DynamoDB Local for the whole run; each test file makes its own tables in it. Their
 * audit heads are kept in a folder of the run's own, which goes when the tables do.
 */
export const setup = async (project: TestProject): Promise<void> => {
  dynamo = await startDynamoDbLocal();
  auditHeads = mkdtempSync(join(tmpdir(), "code-rules-audit-heads-"));
  project.provide("dynamoEndpoint", dynamo.endpoint);
  project.provide("auditHeads", auditHeads);
};

export const teardown = async (): Promise<void> => {
  await dynamo?.stop();
  if (auditHeads) rmSync(auditHeads, { recursive: true, force: true });
};
