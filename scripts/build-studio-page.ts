/**
 * Writes the studio's page (index.html, studio.js, studio.css) into the folder its one argument
 * names: dist/studio/web/ for `npm run build` (the package ships no esbuild) unless told another,
 * as the admin function's bundling tells it to put the page beside the function
 * (infra/constructs/admin-function.ts).
 */
import { fileURLToPath } from "node:url";
import { writeStudioPage } from "../studio/bundle.js";

const dir = process.argv[2] ?? fileURLToPath(new URL("../dist/studio/web", import.meta.url));
await writeStudioPage(dir);
console.log(`wrote ${dir}`);
