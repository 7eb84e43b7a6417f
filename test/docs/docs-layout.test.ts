import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  anchorOf,
  DOCS_DIR,
  docsAsWritten,
  documentFiles,
  headingsOf,
} from "../../scripts/docs-contents.js";
import { ROOT } from "./support/npm-start.js";

const read = (path: string) => readFileSync(join(ROOT, path), "utf8");
const readme = read("README.md");
const documents = documentFiles();

const CPT_NOTICE = "CPT® is a registered trademark of the American Medical Association (AMA)";

/** The file a link of the document points at: itself, for a link to its own heading. */
const linkedFile = (document: string, target: string | undefined): string => {
  if (!target) return document;
  if (target === "../README.md") return "README.md";
  return document === "README.md" ? target : `docs/${target}`;
};

describe("the README and docs/", () => {
  it("keeps the README under 250 lines", () => {
    expect(readme.split("\n").length).toBeLessThan(250);
  });

  it("sends a reader of the README to every document of docs/", () => {
    for (const document of documents) expect(readme, document).toContain(`](docs/${document})`);
  });

  it("has each document's contents and the index as their headings make them (npm run docs:contents)", () => {
    for (const [file, text] of Object.entries(docsAsWritten()))
      expect(readFileSync(join(DOCS_DIR, file), "utf8"), `docs/${file}`).toBe(text);
  });

  it("points every link between documents at a heading that exists", () => {
    for (const document of ["README.md", ...documents.map((file) => `docs/${file}`)]) {
      const links = read(document).matchAll(
        /\]\(((?:docs\/)?[a-z-]+\.md|\.\.\/README\.md)?#([a-z0-9-]+)\)/g,
      );
      for (const [, target, fragment] of links) {
        const file = linkedFile(document, target);
        const anchors = headingsOf(read(file)).map(({ text }) => anchorOf(text));
        expect(anchors, `${document} → ${file}#${fragment}`).toContain(fragment);
      }
    }
  });

  it("carries the AMA's CPT notice in the README, the docs index, NOTICE.md and the package", () => {
    expect(readme).toContain(CPT_NOTICE);
    expect(read("docs/README.md")).toContain(CPT_NOTICE);
    expect(read("NOTICE.md")).toContain(CPT_NOTICE);
    const pkg = JSON.parse(read("package.json")) as { files: string[]; cptNotice?: string };
    expect(pkg.cptNotice ?? "").toContain(CPT_NOTICE);
    expect(pkg.files).toContain("NOTICE.md");
  });
});
