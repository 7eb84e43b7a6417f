import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * DynamoDB Local has no host option and listens on every interface, where other machines could
 * reach its tables. This Java source file starts the same server listening on 127.0.0.1 only; it
 * sits beside this module, in local/ and in the built dist/local/ alike.
 */
const LAUNCHER_SOURCE = fileURLToPath(new URL("./LoopbackDynamoDbLocal.java", import.meta.url));
const LAUNCHER_CLASS = "LoopbackDynamoDbLocal";

/**
 * The launcher compiled once for this source and jar, in the system's temporary folder: compiling
 * it on every start (Java's source launch) costs about two seconds of CPU. It is compiled into a
 * folder of its own and renamed into place, so starts racing each other never see half a class.
 * None where javac is missing: the source is then run as it is.
 */
const compiledLauncher = (jar: string): string | undefined => {
  const source = readFileSync(LAUNCHER_SOURCE);
  const digest = createHash("sha256").update(source).update(jar).digest("hex").slice(0, 16);
  const folder = join(tmpdir(), `code-rules-dynamodb-local-${digest}`);
  if (existsSync(join(folder, `${LAUNCHER_CLASS}.class`))) return folder;
  const building = mkdtempSync(`${folder}-building-`);
  try {
    execFileSync("javac", ["-cp", jar, "-d", building, LAUNCHER_SOURCE], { stdio: "ignore" });
    renameSync(building, folder);
    return folder;
  } catch {
    // Another start put its class in place first, or there is no javac: either way, not ours.
    rmSync(building, { recursive: true, force: true });
    return existsSync(join(folder, `${LAUNCHER_CLASS}.class`)) ? folder : undefined;
  }
};

/**
 * The package's `-jar DynamoDBLocal.jar` becomes that jar on the class path with the launcher in
 * its place; the package still picks the jar and every option. Should the package stop using -jar
 * this fails, rather than start a DynamoDB Local open to the network. `cwd` is where Java runs.
 */
export const throughLoopbackLauncher = (args: readonly string[], cwd: string): string[] => {
  const jar = args.indexOf("-jar");
  const jarPath = args[jar + 1];
  if (jar < 0 || jarPath === undefined) {
    throw new Error(`cannot start DynamoDB Local on 127.0.0.1 only: no -jar in ${args.join(" ")}`);
  }
  // The package names its jar from the folder Java runs in; javac runs here.
  const compiled = compiledLauncher(resolve(cwd, jarPath));
  const launcher = compiled
    ? ["-cp", `${jarPath}:${compiled}`, LAUNCHER_CLASS]
    : ["-cp", jarPath, LAUNCHER_SOURCE];
  return [...args.slice(0, jar), ...launcher, ...args.slice(jar + 2)];
};
