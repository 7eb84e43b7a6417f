#!/usr/bin/env node
// The `code-rules` command: runs the TypeScript CLI through tsx, so there is no build step.
import { register } from "tsx/esm/api";

// A reader that has seen enough (`code-rules export | head -1`) closes the pipe: end quietly, as
// Unix tools do, rather than with a stack trace.
process.stdout.on("error", (error) => {
  if (error.code !== "EPIPE") throw error;
  process.exit(process.exitCode ?? 0);
});

register();
const { program } = await import("./main.ts");
await program.parseAsync(process.argv);
