#!/usr/bin/env node
// The `code-rules` command. In this repository it runs the TypeScript CLI through tsx, so there is
// no build step; installed as a package (no tsx there), it runs the JavaScript `npm run build` made.

// A reader that has seen enough (`code-rules export | head -1`) closes the pipe: end quietly, as
// Unix tools do, rather than with a stack trace.
process.stdout.on("error", (error) => {
  if (error.code !== "EPIPE") throw error;
  process.exit(process.exitCode ?? 0);
});

const main = await import("tsx/esm/api").then(
  ({ register }) => {
    register();
    return import("./main.ts");
  },
  (error) => {
    if (error.code !== "ERR_MODULE_NOT_FOUND") throw error;
    return import("../dist/cli/main.js");
  },
);
process.exitCode = await main.runCli(process.argv.slice(2));
