import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../support/source-imports.js";

const GUIDE = "docs/calling-the-api.md";

/** The guide's TypeScript examples, each as a module of its own importing the client's source. */
const examples = (): string[] => {
  const text = readFileSync(join(PROJECT_ROOT, GUIDE), "utf8");
  const blocks = [...text.matchAll(/```ts\n([\s\S]*?)```/g)].map(([, code]) => code ?? "");
  const folder = mkdtempSync(join(tmpdir(), "code-rules-guide-"));
  return blocks.map((code, index) => {
    const file = join(folder, `example-${index + 1}.mts`);
    writeFileSync(file, code);
    return file;
  });
};

describe(GUIDE, () => {
  it("holds TypeScript examples that compile against the client as they are written", () => {
    const files = examples();
    expect(files.length).toBeGreaterThanOrEqual(5);
    const program = ts.createProgram(files, {
      strict: true,
      noUncheckedIndexedAccess: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      skipLibCheck: true,
      types: ["node"],
      typeRoots: [join(PROJECT_ROOT, "node_modules", "@types")],
      paths: { "code-rules/client": [join(PROJECT_ROOT, "client", "index.ts")] },
    });
    const problems = ts.getPreEmitDiagnostics(program).map((diagnostic) => {
      const where = diagnostic.file?.fileName.split("/").pop() ?? "";
      return `${where}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, " ")}`;
    });
    expect(problems).toEqual([]);
  });
});
