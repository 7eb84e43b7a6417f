/**
 * Writes the studio page (index.html, studio.js, studio.css) into the folder named by its one
 * argument: the admin function's bundling runs it to put the page beside the function
 * (infra/constructs/admin-function.ts).
 */
import { writeStudioPage } from "../studio/bundle.js";

const [folder] = process.argv.slice(2);
if (!folder) throw new Error("usage: tsx infra/write-studio-page.ts <folder>");
await writeStudioPage(folder);
