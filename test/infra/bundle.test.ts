import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { CfnElement } from "aws-cdk-lib";
import type { NodejsFunction } from "aws-cdk-lib/aws-lambda-nodejs";
import { beforeAll, describe, expect, it } from "vitest";
import { ADMIN_FUNCTION_ENV, SEED_ENV } from "../../admin/deploy/deploy-names.js";
import { STUDIO_PAGE_FOLDER } from "../../infra/constructs/admin-function.js";
import { projectPaths } from "../../infra/project-paths.js";
import { FUNCTION_ENV } from "../../lambda/service-names.js";
import { apiGatewayEvent } from "../../local/api-gateway-event.js";
import { bundleLikeTheStack, COLD_START_BUDGET } from "../../support/bundle-like-the-stack.js";
import { MemoryRuleSource } from "../../support/memory-rule-source.js";
import { synthesize } from "./support/synth.js";

interface Bundle {
  readonly dir: string;
  readonly file: string;
  readonly code: string;
  readonly sourceMap: { readonly sources: readonly string[] };
}

let selection: Bundle;
let seed: Bundle;
let admin: Bundle;
let bulk: Bundle;

beforeAll(() => {
  expect(existsSync(projectPaths.apiHandler), `${projectPaths.apiHandler} must exist`).toBe(true);
  // The real build: esbuild on this machine, as `cdk synth` runs it.
  const { app, stack, template } = synthesize({ bundling: true });
  const { directory } = app.synth();
  const resources = template.toJSON().Resources;
  const bundleOf = (fn: NodejsFunction): Bundle => {
    const { S3Key } = resources[stack.getLogicalId(fn.node.defaultChild as CfnElement)].Properties
      .Code as { S3Key: string };
    const dir = join(directory, `asset.${S3Key.replace(/\.zip$/, "")}`);
    const file = join(dir, "index.mjs");
    return {
      dir,
      file,
      code: readFileSync(file, "utf8"),
      sourceMap: JSON.parse(readFileSync(`${file}.map`, "utf8")),
    };
  };
  selection = bundleOf(stack.selection.function);
  seed = bundleOf(stack.seed.function);
  admin = bundleOf(stack.admin.function);
  bulk = bundleOf(stack.bulkAudit.checkBatch.function);
}, 120_000);

/** The admin function's environment, as the stack sets it for a Cognito user pool. */
const ADMIN_ENV = {
  [ADMIN_FUNCTION_ENV.tableName]: "rules",
  [ADMIN_FUNCTION_ENV.signingKeyId]: "arn:aws:kms:eu-west-1:123456789012:key/test",
  [ADMIN_FUNCTION_ENV.signingPublicKey]: new MemoryRuleSource().publicKey,
  [ADMIN_FUNCTION_ENV.auditHeadBucket]: "audit-heads",
  [ADMIN_FUNCTION_ENV.issuer]: "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_test",
  [ADMIN_FUNCTION_ENV.clientId]: "studio-client",
  [ADMIN_FUNCTION_ENV.groupsClaim]: "cognito:groups",
  [ADMIN_FUNCTION_ENV.signInOrigins]: "https://cognito-idp.eu-west-1.amazonaws.com",
};

/** What `output` (code that sees `handler`) writes when Node imports the bundle, as Lambda does. */
const withImportedHandler = ({ file }: Bundle, output: string): string =>
  execFileSync(
    process.execPath,
    [
      "--input-type=module",
      "--eval",
      `const { handler } = await import(${JSON.stringify(pathToFileURL(file).href)}); process.stdout.write(${output});`,
    ],
    {
      env: {
        ...process.env,
        [FUNCTION_ENV.tableName]: "rules",
        [FUNCTION_ENV.signingPublicKey]: new MemoryRuleSource().publicKey,
        [SEED_ENV.tableName]: "rules",
        [SEED_ENV.signingKeyId]: "arn:aws:kms:eu-west-1:123456789012:key/test",
        [SEED_ENV.adminRoleArn]: "arn:aws:iam::123456789012:role/admin",
        [SEED_ENV.auditHeadBucket]: "audit-heads",
        ...ADMIN_ENV,
      },
      encoding: "utf8",
    },
  );

const importedHandlerType = (bundle: Bundle): string =>
  withImportedHandler(bundle, "typeof handler");

describe("the selection function's bundle", () => {
  it("is built from lambda/handler.ts", () => {
    expect(selection.sourceMap.sources).toContainEqual(
      expect.stringMatching(/lambda\/handler\.ts$/),
    );
  });

  it("is minified: long lines and short names", () => {
    const { code } = selection;
    expect(code.length).toBeGreaterThan(100_000);
    expect(code.length / code.split("\n").length).toBeGreaterThan(1_000);
    // An unminified bundle keeps the loader's own name; minified, it is a letter or two.
    expect(code.includes("class RuleLoader")).toBe(false);
  });

  it("is built from the function's own code, the callers' HTTP contract, the store's reads and the core, and nothing of the admin side", () => {
    const ours = selection.sourceMap.sources
      .map((source) => relative(projectPaths.root, resolve(selection.dir, source)))
      .filter((source) => !source.startsWith("node_modules/"));
    const rooms = new Set(ours.map((source) => source.split("/")[0]));
    expect(ours).toContainEqual("store/version-check.ts");
    expect([...rooms].sort()).toEqual(["core", "http", "lambda", "store"]);
    // Of the contract, the callers' routes only (the studio's are another function's), and no
    // response schema: those document answers, which the function does not check itself.
    expect(
      ours.filter(
        (source) => source.startsWith("http/admin-") || source.endsWith("response-schemas.ts"),
      ),
    ).toEqual([]);
  });

  it("carries the AWS SDK rather than importing it from the runtime", () => {
    expect(selection.sourceMap.sources).toContainEqual(
      expect.stringMatching(/node_modules\/@aws-sdk\/client-dynamodb\//),
    );
    expect(/\bfrom\s*["']@aws-sdk\//.test(selection.code)).toBe(false);
  });

  it("points to its source map", () => {
    expect(selection.code.trimEnd().endsWith("//# sourceMappingURL=index.mjs.map")).toBe(true);
  });

  it("loads as an ES module in Node and exports handler", () => {
    expect(importedHandlerType(selection)).toBe("function");
  });

  it("is, byte for byte, the bundle whose cold start the benchmark measures", async () => {
    const measured = await bundleLikeTheStack("lambda/handler.ts", "handler-as-tested");
    expect(readFileSync(measured.file, "utf8")).toBe(selection.code);
  });

  it(`weighs at most ${COLD_START_BUDGET} times an SDK-only handler bundled the same way`, async () => {
    const reference = await bundleLikeTheStack("bench/reference-handler.ts", "reference-as-tested");
    expect(statSync(selection.file).size / reference.bytes).toBeLessThanOrEqual(COLD_START_BUDGET);
  });

  it("carries the function and its OpenAPI document, and no API reference page", () => {
    expect(readdirSync(selection.dir).sort()).toEqual([
      "index.mjs",
      "index.mjs.map",
      "openapi.json",
    ]);
    expect(selection.code).not.toMatch(/redoc/i);
  });

  it("serves the OpenAPI document from its copy beside index.mjs", () => {
    const copy = join(selection.dir, "openapi.json");
    expect(readFileSync(copy, "utf8")).toBe(readFileSync(projectPaths.openApiDocument, "utf8"));
    const event = apiGatewayEvent({ method: "GET", path: "/openapi.json", requestId: "bundle" });
    const answer = JSON.parse(
      withImportedHandler(selection, `JSON.stringify(await handler(${JSON.stringify(event)}))`),
    );
    expect(answer.statusCode).toBe(200);
    expect(JSON.parse(answer.body)).toEqual(JSON.parse(readFileSync(copy, "utf8")));
  });
});

describe("the seed function's bundle", () => {
  it("is built from admin/deploy/seed-handler.ts, loads in Node and exports handler", () => {
    expect(seed.sourceMap.sources).toContainEqual(
      expect.stringMatching(/admin\/deploy\/seed-handler\.ts$/),
    );
    expect(importedHandlerType(seed)).toBe("function");
  });
});

describe("the admin function's bundle", () => {
  it("is built from admin/api/handler.ts, loads in Node and exports handler", () => {
    expect(admin.sourceMap.sources).toContainEqual(
      expect.stringMatching(/admin\/api\/handler\.ts$/),
    );
    expect(importedHandlerType(admin)).toBe("function");
  });

  it("carries the studio page beside it, built at synth: the page's HTML as written, its style and script bundled", () => {
    expect(readdirSync(admin.dir).sort()).toEqual(["index.mjs", "index.mjs.map", "studio"]);
    const page = join(admin.dir, STUDIO_PAGE_FOLDER);
    expect(readdirSync(page).sort()).toEqual(["index.html", "studio.css", "studio.js"]);
    expect(readFileSync(join(page, "index.html"), "utf8")).toBe(
      readFileSync(join(projectPaths.root, "studio", "web", "index.html"), "utf8"),
    );
    // One stylesheet: the parts the source imports, with no import left to fetch.
    const style = readFileSync(join(page, "studio.css"), "utf8");
    expect(style).toContain(".studio-header");
    expect(style).not.toContain("@import");
    const script = readFileSync(join(page, "studio.js"), "utf8");
    expect(script.length).toBeGreaterThan(10_000);
    // One self-contained script: nothing left for the browser to fetch from elsewhere.
    expect(script).not.toMatch(/\bimport\s*\(?\s*["'](https?:|\/\/)/);
  });
});

describe("the bulk-check function's bundle", () => {
  it("is built from bulk/handler.ts, loads in Node and exports handler", () => {
    expect(bulk.sourceMap.sources).toContainEqual(expect.stringMatching(/bulk\/handler\.ts$/));
    expect(importedHandlerType(bulk)).toBe("function");
  });

  it("is built from the claim rows, the store's reads, the selection function's loader and the core, and nothing of the admin side or the CLI", () => {
    const rooms = new Set(
      bulk.sourceMap.sources
        .map((source) => relative(projectPaths.root, resolve(bulk.dir, source)))
        .filter((source) => !source.startsWith("node_modules/"))
        .map((source) => source.split("/")[0]),
    );
    expect([...rooms].sort()).toEqual([
      "bulk",
      "claims",
      "core",
      "http",
      "lambda",
      "rule-files",
      "store",
    ]);
  });
});
