/**
 * Where a run of the CLI writes and what environment it reads: the process's own streams and
 * variables for the `code-rules` command, a buffer and a table of its own in a test.
 */
export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly env: NodeJS.ProcessEnv;
}

export const processIo: CliIo = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
  env: process.env,
};
