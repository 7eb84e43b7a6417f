import { execFile } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify, stripVTControlCharacters } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../support/source-imports.js";

const run = promisify(execFile);
const work = mkdtempSync(join(tmpdir(), "code-rules-package-"));

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("the package", () => {
  it("packs, installs from the tarball into an empty project, and runs that project's vitest against startLocalServer() through code-rules/client", async () => {
    await run("npm", ["pack", "--pack-destination", work], { cwd: PROJECT_ROOT });
    const [tarball] = readdirSync(work).filter((name) => name.endsWith(".tgz"));
    if (!tarball) throw new Error("npm pack wrote no tarball");

    const project = join(work, "consumer");
    mkdirSync(project);
    writeFileSync(join(project, "package.json"), '{ "private": true, "type": "module" }\n');
    copyFileSync(
      join(PROJECT_ROOT, "test/e2e/consumer/select.test.js"),
      join(project, "select.test.js"),
    );
    const { version } = (await import("vitest/package.json", { with: { type: "json" } })).default;
    await run(
      "npm",
      [
        "install",
        "--no-audit",
        "--no-fund",
        "--prefer-offline",
        join(work, tarball),
        `vitest@${version}`,
      ],
      { cwd: project },
    );
    // No tsx there: the package runs as the JavaScript it was built to.
    await expect(run("npm", ["ls", "tsx"], { cwd: project })).rejects.toThrow();

    // The installed command runs from the built JavaScript too.
    const cli = await run(process.execPath, ["node_modules/.bin/code-rules", "--version"], {
      cwd: project,
      encoding: "utf8",
    });
    const { version: packageVersion } = (
      await import("../../package.json", { with: { type: "json" } })
    ).default;
    expect(cli.stdout.trim()).toBe(packageVersion);
    // The studio's page comes built, as the studio serves it; the package ships no esbuild.
    const page = join(project, "node_modules/code-rules/dist/studio/web");
    expect(readdirSync(page).sort()).toEqual(["index.html", "studio.css", "studio.js"]);

    const tests = await run(process.execPath, ["node_modules/vitest/vitest.mjs", "run"], {
      cwd: project,
      encoding: "utf8",
    });
    expect(stripVTControlCharacters(tests.stdout)).toMatch(/Tests\s+1 passed \(1\)/);
  }, 300_000);
});
