#!/usr/bin/env node
// The `code-rules` command: runs the TypeScript CLI through tsx, so there is no build step.
import { register } from "tsx/esm/api";

// The SDK warns on every run under Node 20 about its future Node 22 floor; that says nothing
// about the command, and errors must stay one readable line.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

register();
const { program } = await import("./main.ts");
await program.parseAsync(process.argv);
