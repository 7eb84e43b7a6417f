// Run in a project that installed code-rules for its client alone: the client loads, and the
// harness, which needs DynamoDB Local, says what to add rather than failing on a module path.
import { createCodeRulesClient } from "code-rules/client";
import { startLocalServer } from "code-rules/testing";

console.log(`client: ${typeof createCodeRulesClient}`);
await startLocalServer().then(
  (server) => server.stop().then(() => console.log("harness: started")),
  (error) => console.log(`harness: ${error.message}`),
);
