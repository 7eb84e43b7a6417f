import type { Duration } from "aws-cdk-lib";
import type { IManagedPolicy, IRole, PolicyStatement } from "aws-cdk-lib/aws-iam";
import { Architecture, LoggingFormat, Runtime, Tracing } from "aws-cdk-lib/aws-lambda";
import { NodejsFunction, OutputFormat } from "aws-cdk-lib/aws-lambda-nodejs";
import type { LogGroup } from "aws-cdk-lib/aws-logs";
import { Construct } from "constructs";
import { projectPaths } from "../project-paths.js";
import type { EncryptedLogs } from "./encrypted-logs.js";
import { FunctionRole } from "./function-role.js";

/**
 * The newest Node.js runtime aws-cdk-lib knows; the bundle targets it too, and npm scripts run on
 * the same major (the `node` dev dependency), which test/infra/runtime.test.ts checks.
 */
export const NODE_RUNTIME = Runtime.NODEJS_24_X;

export interface NodeFunctionProps {
  /** The TypeScript file that exports `handler`. */
  readonly entry: string;
  readonly description: string;
  readonly timeout: Duration;
  readonly memorySize: number;
  readonly environment?: Readonly<Record<string, string>>;
  readonly reservedConcurrentExecutions?: number;
  readonly logs: EncryptedLogs;
  /** What the function does besides logging. */
  readonly statements?: readonly PolicyStatement[];
  /** Shared policies the function's role also carries. */
  readonly managedPolicies?: readonly IManagedPolicy[];
  /** Files the code reads at run time, copied beside the bundle (absolute paths). */
  readonly filesBeside?: readonly string[];
  /** Folders the code reads at run time, written beside the bundle as it is built. */
  readonly foldersBeside?: readonly FolderBeside[];
}

/** A folder of files built for the function, not kept in the repository. */
export interface FolderBeside {
  /** Its name beside index.mjs. */
  readonly name: string;
  /** A TypeScript script (absolute path) that writes the folder's files into the folder it is given. */
  readonly writer: string;
}

/**
 * A TypeScript Lambda function built the one way this project builds them: bundled on this machine
 * by esbuild (never in Docker), AWS SDK included, ESM on arm64, JSON logs in its own encrypted log
 * group, and running under a role that holds only what is stated here.
 */
export class NodeFunction extends Construct {
  readonly function: NodejsFunction;
  readonly logGroup: LogGroup;
  /** The function's execution role: its permissions are all in managed policies. */
  readonly role: IRole;

  constructor(scope: Construct, id: string, props: NodeFunctionProps) {
    super(scope, id);
    this.logGroup = props.logs.createLogGroup(this, "Logs");
    const { role } = new FunctionRole(this, "Role", {
      description: props.description,
      logGroup: this.logGroup,
      statements: props.statements ?? [],
      managedPolicies: props.managedPolicies,
    });
    this.role = role;

    this.function = new NodejsFunction(this, "Function", {
      entry: props.entry,
      handler: "handler",
      description: props.description,
      runtime: NODE_RUNTIME,
      architecture: Architecture.ARM_64,
      timeout: props.timeout,
      memorySize: props.memorySize,
      reservedConcurrentExecutions: props.reservedConcurrentExecutions,
      environment: { NODE_OPTIONS: "--enable-source-maps", ...props.environment },
      role,
      logGroup: this.logGroup,
      loggingFormat: LoggingFormat.JSON,
      // Off rather than half on: a request is one in-memory selection and at most two DynamoDB
      // reads, whose latency the request's log line carries; real traces would put the X-Ray SDK
      // into every cold start for that.
      tracing: Tracing.DISABLED,
      projectRoot: projectPaths.root,
      depsLockFilePath: projectPaths.lockFile,
      bundling: {
        forceDockerBundling: false,
        format: OutputFormat.ESM,
        // The ES module builds of the SDK and Powertools: esbuild tree-shakes them, and no
        // CommonJS `require` of a Node built-in is left for an ES module to fail on.
        mainFields: ["module", "main"],
        minify: true,
        sourceMap: true,
        // Stack traces need only the mappings; the sources would double the bundle.
        sourcesContent: false,
        // The only "legal" comment the dependencies carry is a coverage pragma marked @preserve;
        // their licenses ship in their packages, and the bundle is deployed, not redistributed.
        esbuildArgs: { "--legal-comments": "none" },
        // The SDK is bundled rather than taken from the runtime, so the code runs the versions it
        // was tested with.
        externalModules: [],
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (_inputDir, outputDir) => [
            ...(props.filesBeside ?? []).map((file) => `cp "${file}" "${outputDir}"`),
            ...(props.foldersBeside ?? []).map(({ name, writer }) =>
              writeFolder(writer, `${outputDir}/${name}`),
            ),
          ],
        },
      },
    });
  }
}

/**
 * Runs a folder's writer as the synth runs (this Node, TypeScript through tsx from the project's
 * own dependencies), once per bundling: `cdk synth` bundles each function once, so the folder is
 * built once per synth, and never when a test skips bundling.
 */
const writeFolder = (writer: string, folder: string): string =>
  `"${process.execPath}" --import tsx "${writer}" "${folder}"`;
