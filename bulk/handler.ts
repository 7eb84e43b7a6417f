import { rulesConfigFromEnv } from "../lambda/rules-wiring.js";
import { createBulkCheck } from "./bulk-check.js";

/** The Lambda entry point of the bulk-audit state machine's batches: wired once per container. */
export const handler = createBulkCheck(rulesConfigFromEnv());
