#!/usr/bin/env node
// The `code-rules` command. In this repository it runs the TypeScript CLI through tsx, so there is
// no build step; installed as a package, it runs the JavaScript `npm run build` made. Which of the
// two is told by the source beside this file, which the package never ships: a project that
// installs the package may well have tsx of its own.
import { existsSync } from "node:fs";

// A reader that has seen enough (`code-rules export | head -1`) closes the pipe: end quietly, as
// Unix tools do, rather than with a stack trace.
process.stdout.on("error", (error) => {
  if (error.code !== "EPIPE") throw error;
  process.exit(process.exitCode ?? 0);
});

const source = new URL("./main.ts", import.meta.url);
const main = existsSync(source)
  ? await import("tsx/esm/api").then(({ register }) => {
      register();
      return import(source.href);
    })
  : await import("../dist/cli/main.js");
process.exitCode = await main.runCli(process.argv.slice(2));
