import { rulesConfigFromEnv } from "./rules-wiring.js";
import { createService } from "./service.js";

/** The Lambda entry point: wired once per execution environment, at init. */
export const handler = createService(rulesConfigFromEnv()).handle;
