import { inject } from "vitest";
import { AUDIT_ANCHOR_ENV } from "../../cli/audit-anchor-choice.js";
import { localAwsEnv } from "../../local/dynamodb-local.js";

// The code under test finds DynamoDB Local exactly as it finds AWS: through the SDK's own variables.
Object.assign(process.env, localAwsEnv(inject("dynamoEndpoint")));
// The CLI keeps its audit heads beside the run's in-memory tables, not beside npm start's data.
process.env[AUDIT_ANCHOR_ENV] = inject("auditHeads");
