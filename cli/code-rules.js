#!/usr/bin/env node
// The `code-rules` command: runs the TypeScript CLI through tsx, so there is no build step.
import { register } from "tsx/esm/api";

register();
const { program } = await import("./main.ts");
await program.parseAsync(process.argv);
