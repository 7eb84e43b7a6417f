import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { LOCAL_PORT } from "../http/servers.js";
import { DEFAULT_CACHE_TTL_SECONDS, FUNCTION_ENV } from "../lambda/service-names.js";

/** Names the folder that keeps DynamoDB Local's data and the local signing key. */
export const LOCAL_DATA_ENV = "CODE_RULES_LOCAL_DATA";

/**
 * The folder that keeps DynamoDB Local's data and the local signing key across runs: the one
 * CODE_RULES_LOCAL_DATA names; else `.local-data/` at the root of this repository (gitignored)
 * when run from source; else, run as the built package (from `dist/`), `.local-data/` in the
 * working directory. Never inside the package's own files, where `npm pack` would carry a private
 * key and a reinstall would throw it away.
 */
export const localDataDir = (
  moduleFolder: string,
  env: NodeJS.ProcessEnv = process.env,
  cwd: string = process.cwd(),
): string => {
  const chosen = env[LOCAL_DATA_ENV];
  if (chosen) return resolve(cwd, chosen);
  const root = dirname(resolve(moduleFolder));
  return basename(root) === "dist" ? join(cwd, ".local-data") : join(root, ".local-data");
};

/**
 * Where the audit heads of a table on DynamoDB Local are kept: a file in the folder that keeps its
 * data, so the two are started over (`npm start -- --fresh`) and backed up together.
 */
export const auditHeadsFile = (dataDir: string, tableName: string): string =>
  join(dataDir, "audit-heads", `${tableName}.jsonl`);

/**
 * What a local data folder holds: DynamoDB Local's data (audit heads beside it) and the signing
 * key. The CLI finds them by the same layout in the folder CODE_RULES_LOCAL_DATA names.
 */
export const localDataFiles = (dataDir: string) => ({
  dynamoDataDir: join(dataDir, "dynamodb"),
  signingKeyFile: join(dataDir, "signing-key.pem"),
});

const DATA_FILES = localDataFiles(localDataDir(fileURLToPath(new URL(".", import.meta.url))));

/**
 * What `npm start`, `npm run studio` and the bench run with on this machine when nothing says
 * otherwise: said once here, read from the environment by localSettings. The test harness takes
 * its host and shipped rules from here, and keeps its key in a temporary folder of its own.
 */
export const LOCAL_DEFAULTS = {
  host: "127.0.0.1",
  port: LOCAL_PORT,
  dynamoPort: 8000,
  table: "code-rules-local",
  ttlSeconds: DEFAULT_CACHE_TTL_SECONDS,
  dynamoDataDir: DATA_FILES.dynamoDataDir,
  /** The shipped rules, published as version 1 into an empty table (beside dist/ once built, too). */
  shippedRules: fileURLToPath(new URL("../rules/", import.meta.url)),
  /** The key versions are signed with on DynamoDB Local, the stand-in for the stack's KMS key. */
  signingKeyFile: DATA_FILES.signingKeyFile,
} as const;

/** The environment variables that override LOCAL_DEFAULTS; `table` is the CLI's too. */
export const LOCAL_ENV = {
  host: "HOST",
  port: "PORT",
  dynamoPort: "DYNAMODB_LOCAL_PORT",
  table: "CODE_RULES_TABLE",
  ttlSeconds: FUNCTION_ENV.cacheTtlSeconds,
  /** Who the CLI acts as on DynamoDB Local, so a second admin can be played on one machine. */
  identity: "CODE_RULES_LOCAL_IDENTITY",
} as const;

export interface LocalSettings {
  readonly host: string;
  readonly port: number;
  readonly dynamoPort: number;
  /** The DynamoDB Local port was set, so it is refused, not replaced, when another program holds it. */
  readonly dynamoPortChosen: boolean;
  readonly table: string;
  readonly ttlSeconds: number;
}

/** LOCAL_DEFAULTS as the environment overrides them. */
export const localSettings = (env: NodeJS.ProcessEnv = process.env): LocalSettings => ({
  host: env[LOCAL_ENV.host] ?? LOCAL_DEFAULTS.host,
  port: Number(env[LOCAL_ENV.port] ?? LOCAL_DEFAULTS.port),
  dynamoPort: Number(env[LOCAL_ENV.dynamoPort] ?? LOCAL_DEFAULTS.dynamoPort),
  dynamoPortChosen: env[LOCAL_ENV.dynamoPort] !== undefined,
  table: env[LOCAL_ENV.table] ?? LOCAL_DEFAULTS.table,
  ttlSeconds: Number(env[LOCAL_ENV.ttlSeconds] ?? LOCAL_DEFAULTS.ttlSeconds),
});
