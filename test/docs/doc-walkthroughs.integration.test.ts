import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { npmStart, ROOT, shellBlocks } from "./support/npm-start.js";

const docs = join(ROOT, "docs");
const walkThroughs = readdirSync(docs)
  .filter((file) => file.endsWith(".md"))
  .flatMap((file) =>
    shellBlocks(readFileSync(join(docs, file), "utf8"))
      .filter((block) => block.walkThrough)
      .map((block) => ({ name: `docs/${file}, under "${block.heading}"`, text: block.text })),
  );

describe("every walk-through in docs/, run as written on a fresh npm start", () => {
  it("finds the walk-throughs it runs", () => {
    expect(walkThroughs.length).toBeGreaterThan(0);
  });

  it.each(walkThroughs)("runs $name", { timeout: 180_000 }, async ({ text }) => {
    const server = await npmStart();
    try {
      await expect(server.run(text)).resolves.toBeTypeOf("string");
    } finally {
      server.stop();
    }
  });
});
