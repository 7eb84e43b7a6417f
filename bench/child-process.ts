import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";

export interface Child<T> {
  readonly info: T;
  stop(): Promise<void>;
}

/** Starts `tsx script` and waits for the first line it prints, a JSON object describing itself. */
export const startChild = async <T>(
  script: string,
  env: Record<string, string> = {},
): Promise<Child<T>> => {
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", script], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const info = await new Promise<T>((resolve, reject) => {
    child.once("exit", (code) =>
      reject(new Error(`${script} exited with code ${code} before it was ready`)),
    );
    lines.once("line", (line) => resolve(JSON.parse(line) as T));
  });
  return {
    info,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
};
