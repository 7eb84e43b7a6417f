/** Writes the studio's page into dist/studio/web/ for `npm run build`: the package ships no esbuild. */
import { fileURLToPath } from "node:url";
import { writeStudioPage } from "../studio/bundle.js";

const dir = fileURLToPath(new URL("../dist/studio/web", import.meta.url));
await writeStudioPage(dir);
console.log(`wrote ${dir}`);
