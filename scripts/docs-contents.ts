import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The documents folder: each document by audience, and its index, README.md. */
export const DOCS_DIR = fileURLToPath(new URL("../docs/", import.meta.url));
const INDEX = "README.md";
const CONTENTS = /<!-- contents -->\n[\s\S]*?<!-- \/contents -->\n/;

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
export const anchorOf = (heading: string): string =>
  heading
    .toLowerCase()
    .replace(/[^a-z0-9 -]/g, "")
    .replaceAll(" ", "-");

/** A document's `##` and `###` headings, code blocks left out. */
export const headingsOf = (markdown: string): { level: 2 | 3; text: string }[] =>
  [...markdown.replace(/^```[\s\S]*?^```$/gm, "").matchAll(/^(#{2,3}) (.+)$/gm)].map(
    ([, marks, text]) => ({ level: marks === "##" ? 2 : 3, text: text ?? "" }),
  );

const contentsList = (markdown: string, file = ""): string =>
  headingsOf(markdown)
    .map(({ level, text }) => `${level === 3 ? "  " : ""}- [${text}](${file}#${anchorOf(text)})`)
    .join("\n");

/** The documents of docs/, index aside, in the order the index lists them. */
export const documentFiles = (): string[] =>
  readdirSync(DOCS_DIR)
    .filter((file) => file.endsWith(".md") && file !== INDEX)
    .sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b));

// By audience: callers first, then those who change rules, run it, test with it, and build it.
const ORDER = [
  "callers.md",
  "calling-the-api.md",
  "coding-managers.md",
  "operators.md",
  "testing-with-the-harness.md",
  "contributors.md",
];

/** A document with its contents list (between the contents markers) made from its headings. */
export const withContents = (markdown: string): string =>
  markdown.replace(CONTENTS, `<!-- contents -->\n${contentsList(markdown)}\n<!-- /contents -->\n`);

/**
 * The index: the part above its first document heading as written, then each document's title,
 * its first paragraph (who it is for) and every section, linked.
 */
export const indexText = (index: string, documents: Record<string, string>): string => {
  const preface = index.slice(0, index.indexOf("\n## ") + 1);
  const sections = Object.entries(documents).map(([file, markdown]) => {
    const title = /^# (.+)$/m.exec(markdown)?.[1] ?? file;
    const audience = markdown.split("\n\n")[1] ?? "";
    return `## [${title}](${file})\n\n${audience}\n\n${contentsList(markdown, file)}\n`;
  });
  return `${preface}${sections.join("\n")}`;
};

/** Every file of docs/ as `npm run docs:contents` writes it, by name. */
export const docsAsWritten = (): Record<string, string> => {
  const documents = Object.fromEntries(
    documentFiles().map((file) => [file, withContents(readFileSync(join(DOCS_DIR, file), "utf8"))]),
  );
  return {
    ...documents,
    [INDEX]: indexText(readFileSync(join(DOCS_DIR, INDEX), "utf8"), documents),
  };
};
