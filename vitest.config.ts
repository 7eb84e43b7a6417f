import { defineConfig } from "vitest/config";

/** Tests that need Java (DynamoDB Local, the java.time reference) or a network port. */
const INTEGRATION = [
  "test/store/**/*.test.ts",
  "test/cli/**/*.test.ts",
  "test/seed/**/*.test.ts",
  "test/e2e/**/*.test.ts",
  "test/studio/access.test.ts",
  "test/studio/actions.test.ts",
  "test/studio/studio.test.ts",
  "test/core/age-java.test.ts",
];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        // `npm run test:unit`: seconds, no Java on the PATH needed.
        extends: true,
        test: {
          name: "unit",
          include: ["test/**/*.test.ts"],
          exclude: INTEGRATION,
          setupFiles: ["test/support/quiet-powertools.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: INTEGRATION,
          // One in-memory DynamoDB Local for the whole tier; each test file makes its own tables.
          globalSetup: ["test/support/global-setup.ts"],
          setupFiles: ["test/support/quiet-powertools.ts", "test/support/aws-env.ts"],
        },
      },
    ],
  },
});
