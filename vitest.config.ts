import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

/**
 * The tiers go by file name: `*.integration.test.ts` needs Java (DynamoDB Local, the java.time
 * reference) or a browser; every other test runs without either, in seconds.
 */
const INTEGRATION = "test/**/*.integration.test.ts";

// The tests start Java about twenty times (DynamoDB Local, the java.time reference), each for
// seconds: the client compiler alone and the serial collector start it about a third sooner, and
// no test runs Java long enough for the optimizing compiler to pay. Workers inherit it.
process.env.JAVA_TOOL_OPTIONS ??= "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC";

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Vitest leaves one core free by default, which on a 2-core machine is one worker for all.
    maxWorkers: availableParallelism() + 1,
    projects: [
      {
        // `npm run test:unit`: seconds, no Java on the PATH needed.
        extends: true,
        test: {
          name: "unit",
          include: ["test/**/*.test.ts"],
          exclude: [INTEGRATION],
          // Files share each worker's module cache (aws-cdk-lib, zod and the AWS SDK load once per
          // worker, not once per file): unit tests keep no state in modules or the environment.
          isolate: false,
          globalSetup: ["test/support/scratch-setup.ts"],
          setupFiles: ["test/support/quiet-powertools.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: [INTEGRATION],
          // One in-memory DynamoDB Local for the whole tier; each test file makes its own tables.
          globalSetup: ["test/support/scratch-setup.ts", "test/support/global-setup.ts"],
          setupFiles: ["test/support/quiet-powertools.ts", "test/support/aws-env.ts"],
        },
      },
    ],
  },
});
