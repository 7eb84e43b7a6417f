/** Writes rule-files/rule-file.schema.json from the zod schemas: `npm run rule-file-schema`. */
import { writeFileSync } from "node:fs";
import { RULE_FILE_SCHEMA_PATH, ruleFileSchemaText } from "../rule-files/rule-file-schema.js";

writeFileSync(RULE_FILE_SCHEMA_PATH, ruleFileSchemaText());
console.log(`wrote ${RULE_FILE_SCHEMA_PATH}`);
