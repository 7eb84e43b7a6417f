import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { createRulesTable } from "../../admin/create-table.js";
import { createService } from "../../lambda/service.js";
import {
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  localAwsEnv,
  startDynamoDbLocal,
} from "../../local/dynamodb-local.js";
import { readRuleFiles } from "../../rule-files/read-rule-files.js";
import { createDynamoClient } from "../../store/dynamodb-client.js";
import { type ActivePointer, keys } from "../../store/table-items.js";
import { VersionReader } from "../../store/version-reader.js";
import { largeRuleSet } from "../../support/large-rule-sets.js";
import { BREAK_GLASS } from "../cli/support.js";
import { SHIPPED_RULES_DIR } from "../core/support/shipped-rules.js";
import { type Answer, apiEvent, toAnswer } from "../support/api.js";
import { CLI, cliOn } from "../support/cli.js";
import { publicKey } from "../support/signing.js";
import { dynamoClient, freshTable } from "../support/tables.js";

// A CLI started in a process of its own, and (in one test) DynamoDB Local started twice: seconds
// each on a busy machine.
const SLOW = { timeout: 90_000 };
/**
 * Generated rules published beside the shipped ones as version 2: about 730 items, 30 batches.
 * Measured on a 2-core machine: writing them takes about 1.4 s on DynamoDB Local in memory and
 * about 5 s on disk, against tens of ms from the first item showing to the kill, which lands in
 * the first batch or two. Fewer rules would save no time: the CLI's checks before the write take
 * about 1.5 s for 200 generated rules or 1,000 alike, and no test waits for the write to end.
 */
const GENERATED_RULES = 500;
const NEW_VERSION = 2;
/** Content items go in batches of 25 (admin/batch-writes.ts). */
const BATCH = 25;
const selection = {
  procedure: "ecmo-cannula-insertion-percutaneous",
  dateOfBirth: "2022-03-01",
  dateOfService: "2026-11-24",
};

const work = mkdtempSync(join(tmpdir(), "code-rules-kill-"));
const cleanup: (() => Promise<unknown>)[] = [];

afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Polls until `check` passes; the deadline only ends a test that would otherwise hang. */
const until = (check: () => Promise<unknown>) =>
  vi.waitFor(check, { timeout: 30_000, interval: 20 });

/** The shipped rules and generated procedures beside them, in a file; and how many items it writes. */
const largeVersionFile = () => {
  const shipped = readRuleFiles(SHIPPED_RULES_DIR);
  if (!shipped.ok) throw new Error(shipped.error);
  const generated = largeRuleSet(GENERATED_RULES);
  const procedures = [...shipped.value.procedures, ...generated.procedures];
  const rules = [...shipped.value.rules, ...generated.rules];
  const file = join(mkdtempSync(join(work, "large-")), "rules.json");
  writeFileSync(file, JSON.stringify({ procedures, rules }));
  return { file, items: procedures.length + rules.length, rules: rules.length };
};

/** What the test reads of the table, as the function and gc read it. */
const tableProbe = (client: DynamoDBClient, table: string) => {
  const reader = new VersionReader(client, table);
  return {
    status: async (version: number) => (await reader.versionMeta(version))?.status,
    contentItems: async (version: number) =>
      (await reader.queryAll(keys.content(version), true)).length,
    pointer: () => reader.activePointer(),
    /** The answer the function gives to the selection, from a cold cache. */
    served: async () => {
      const { handle } = createService({ tableName: table, ttlSeconds: 5, publicKey, client });
      return toAnswer(await handle(apiEvent("POST", "/v1/select", selection)));
    },
  };
};

type TableProbe = ReturnType<typeof tableProbe>;

interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** `code-rules publish` of `file` over version 1, in a process of its own as an admin runs it. */
const spawnPublish = (env: NodeJS.ProcessEnv, file: string) => {
  const child: ChildProcess = spawn(
    process.execPath,
    [CLI, "publish", file, "-m", "large", "--expect-version", "1", "--allow-past-changes"].concat(
      BREAK_GLASS,
    ),
    { env, stdio: ["ignore", "pipe", "pipe"] },
  );
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<Exit>((resolveExit) =>
    child.once("close", (code, signal) => resolveExit({ code, signal, stdout, stderr })),
  );
  cleanup.push(() => {
    child.kill("SIGKILL");
    return exited;
  });
  return { child, exited };
};

/** Polls until the publish is part way through its content: staged metadata, and some items. */
const midContentWrite = (probe: TableProbe) =>
  until(async () => {
    expect(await probe.status(NEW_VERSION)).toBe("staged");
    expect(await probe.contentItems(NEW_VERSION)).toBeGreaterThan(0);
  });

/** The CLI run in this process, on `table`, with `env` over the environment; expects it to succeed. */
const succeeds =
  (table: string, env: NodeJS.ProcessEnv = {}) =>
  async (...args: string[]): Promise<string> => {
    const run = await cliOn(table, env)(...args);
    expect(run.stderr, args.join(" ")).toBe("");
    expect(run.code, args.join(" ")).toBe(0);
    return run.stdout;
  };

/** Version 2's line in `list --all`: not active, its status, and its rules or what gc did with them. */
const listedAs = (status: "staged" | "abandoned", content: string) =>
  new RegExp(`^ {5}2  ${status.padEnd(9)}  \\S+  .+  ${content}  large$`, "m");

/** What the table held before the publish: its pointer, and the function's answer. */
interface Before {
  readonly pointer: ActivePointer | undefined;
  readonly served: Answer;
}

/**
 * After the dead publish: `list --all` shows its version staged; `gc`, taking any staged version
 * for stale, deletes the items it wrote and says how many; `list --all` then shows it abandoned
 * with its items deleted. The active version, what the function serves and the audit trail are as
 * they were.
 */
const debrisIsShownAndCollected = async (
  ok: (...args: string[]) => Promise<string>,
  probe: TableProbe,
  large: { readonly items: number; readonly rules: number },
  before: Before,
) => {
  const written = await probe.contentItems(NEW_VERSION);
  expect(written).toBeGreaterThan(0);
  expect(written, "killed before the last item").toBeLessThan(large.items);
  expect(await ok("list", "--all")).toMatch(listedAs("staged", `${large.rules} rules`));
  expect(await ok("list")).not.toMatch(/staged/);

  expect(await ok("gc", "--stale-after-hours", "0")).toBe(
    `deleted ${written} item(s) of version 2 (staged more than 0 h ago, now abandoned)\n`,
  );
  expect(await probe.contentItems(NEW_VERSION)).toBe(0);
  expect(await ok("list", "--all")).toMatch(
    listedAs("abandoned", `${large.rules} rules \\(items deleted by gc \\S+\\)`),
  );
  expect(await ok("gc", "--stale-after-hours", "0")).toBe("nothing to collect\n");

  expect({ pointer: await probe.pointer(), served: await probe.served() }).toEqual(before);
  expect(await ok("audit", "--verify")).toMatch(/^the audit trail holds: 1 entry, /);
};

/** Version 1 published by the CLI; what the table then holds and serves. */
const publishedShipped = async (
  ok: (...args: string[]) => Promise<string>,
  probe: TableProbe,
): Promise<Before> => {
  await ok("publish", SHIPPED_RULES_DIR, "-m", "shipped rules");
  const before = { pointer: await probe.pointer(), served: await probe.served() };
  expect(before.served).toMatchObject({ status: 200, body: { ruleVersion: 1 } });
  return before;
};

/**
 * The Java process of the DynamoDB Local that keeps its data in `dataDir`: the one a crash ends.
 * Its parent shell (local/dynamodb-local.ts) would stop it gracefully; a kill -9 goes past it.
 */
const javaKeeping = (dataDir: string): number => {
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    let args: string[];
    try {
      args = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
    } catch {
      continue; // ended meanwhile
    }
    const [command = ""] = args;
    if (basename(command) === "java" && args[args.indexOf("-dbPath") + 1] === resolve(dataDir))
      return Number(pid);
  }
  throw new Error(`no DynamoDB Local keeps its data in ${dataDir}`);
};

describe("a publish whose CLI is killed (kill -9) while it writes the version's content", () => {
  it(
    "leaves a staged version that list --all shows and gc collects, and the active version serving throughout",
    SLOW,
    async () => {
      const table = await freshTable("kill-cli");
      const client = dynamoClient();
      cleanup.push(async () => client.destroy());
      const probe = tableProbe(client, table);
      const ok = succeeds(table);
      const before = await publishedShipped(ok, probe);
      const large = largeVersionFile();

      const publish = spawnPublish({ ...process.env, CODE_RULES_TABLE: table }, large.file);
      await midContentWrite(probe);
      publish.child.kill("SIGKILL");
      expect(await publish.exited).toEqual({
        code: null,
        signal: "SIGKILL",
        stdout: "",
        stderr: "",
      });
      // DynamoDB Local still writes the batch the CLI sent before it died, whole.
      await until(async () => expect((await probe.contentItems(NEW_VERSION)) % BATCH).toBe(0));

      await debrisIsShownAndCollected(ok, probe, large, before);
    },
  );
});

describe("a publish whose DynamoDB Local is killed (kill -9) while it writes the version's content", () => {
  it(
    "fails saying the mark could not be confirmed, and once DynamoDB Local restarts on its data, list --all shows the version and gc collects it",
    SLOW,
    async () => {
      const dataDir = mkdtempSync(join(tmpdir(), "code-rules-kill-dynamo-"));
      cleanup.push(async () => rmSync(dataDir, { recursive: true, force: true }));
      const dynamo = await startDynamoDbLocal({ dataDir });
      cleanup.push(() => dynamo.stop());
      const client = createDynamoClient({
        endpoint: dynamo.endpoint,
        region: LOCAL_REGION,
        credentials: LOCAL_CREDENTIALS,
      });
      cleanup.push(async () => client.destroy());
      const table = `kill-dynamo-${randomUUID()}`;
      await createRulesTable(client, table);
      const probe = tableProbe(client, table);
      const env = localAwsEnv(dynamo.endpoint);
      const ok = succeeds(table, env);
      const before = await publishedShipped(ok, probe);
      const large = largeVersionFile();

      const publish = spawnPublish({ ...process.env, ...env, CODE_RULES_TABLE: table }, large.file);
      await midContentWrite(probe);
      process.kill(javaKeeping(dataDir), "SIGKILL");
      const failed = await publish.exited;
      expect(failed).toMatchObject({ code: 1, signal: null, stdout: "" });
      // One line: with DynamoDB Local gone nothing could be written or read back, so it claims
      // neither mark. list --all says which it is below.
      expect(failed.stderr).toMatch(
        /^code-rules: publish of version 2 failed: writing its content failed \([^\n]+\); marking it abandoned could not be confirmed \(the store did not answer\): version 2 is never served either way; code-rules list --all shows which it is, and code-rules gc collects it once it is stale\n$/,
      );

      const restarted = await startDynamoDbLocal({ port: dynamo.port, dataDir });
      cleanup.push(() => restarted.stop());
      await debrisIsShownAndCollected(ok, probe, large, before);
    },
  );
});
