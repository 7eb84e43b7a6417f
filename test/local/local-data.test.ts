import { execFile } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, sep } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { LOCAL_DATA_ENV, LOCAL_DEFAULTS, localDataDir } from "../../local/local-defaults.js";
import { PROJECT_ROOT } from "../support/source-imports.js";

const run = promisify(execFile);
const work = mkdtempSync(join(tmpdir(), "code-rules-local-data-"));

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The paths `npm pack` would put in the tarball of the package in `folder`, running no script. */
const packed = async (folder: string): Promise<string[]> => {
  const { stdout } = await run("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
    cwd: folder,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const [tarball] = JSON.parse(stdout) as { files: { path: string }[] }[];
  return (tarball?.files ?? []).map((file) => file.path);
};

const touch = (file: string, text = "") => {
  mkdirSync(join(file, ".."), { recursive: true });
  writeFileSync(file, text);
};

describe("the local signing key's home", () => {
  it("run as the built package, is the working directory's .local-data/, outside dist/", () => {
    const installed = join(sep, "project", "node_modules", "code-rules", "dist", "local");
    const home = localDataDir(installed, {}, join(sep, "project"));
    expect(home).toBe(join(sep, "project", ".local-data"));
    expect(home.split(sep)).not.toContain("dist");
    expect(home.startsWith(join(sep, "project", "node_modules"))).toBe(false);
  });

  it("run from source, is this repository's gitignored .local-data/, as before", () => {
    expect(LOCAL_DEFAULTS.signingKeyFile).toBe(
      join(PROJECT_ROOT, ".local-data", "signing-key.pem"),
    );
    expect(localDataDir(join(PROJECT_ROOT, "local"), {}, tmpdir())).toBe(
      join(PROJECT_ROOT, ".local-data"),
    );
  });

  it(`is the folder ${LOCAL_DATA_ENV} names, when it names one`, () => {
    const installed = join(sep, "project", "node_modules", "code-rules", "dist", "local");
    const env = { [LOCAL_DATA_ENV]: "keys" };
    expect(localDataDir(installed, env, join(sep, "project"))).toBe(join(sep, "project", "keys"));
  });

  it("is never packed: npm pack leaves out a key (and .local-data/) even inside dist/", async () => {
    const folder = join(work, "package");
    mkdirSync(folder);
    copyFileSync(join(PROJECT_ROOT, "package.json"), join(folder, "package.json"));
    for (const file of [
      "cli/code-rules.js",
      "dist/local/local-defaults.js",
      "dist/.local-data/signing-key.pem",
      "dist/.local-data/dynamodb/shared-local-instance.db",
      "dist/local/stray-key.pem",
      ".local-data/signing-key.pem",
    ])
      touch(join(folder, file), "-----BEGIN PRIVATE KEY-----\n");
    const files = await packed(folder);
    expect(files).toContain("dist/local/local-defaults.js");
    expect(files.filter((file) => file.endsWith(".pem") || file.includes(".local-data"))).toEqual(
      [],
    );
  });

  it("this repository's package, as it stands, packs no .pem", async () => {
    expect((await packed(PROJECT_ROOT)).filter((file) => file.endsWith(".pem"))).toEqual([]);
  }, 60_000);
});
