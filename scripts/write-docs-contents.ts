/** Writes each document's contents list and the docs index from their headings: `npm run docs:contents`. */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { DOCS_DIR, docsAsWritten } from "./docs-contents.js";

for (const [file, text] of Object.entries(docsAsWritten())) {
  writeFileSync(join(DOCS_DIR, file), text);
  console.log(`wrote docs/${file}`);
}
