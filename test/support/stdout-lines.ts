import { vi } from "vitest";

/** Everything written to stdout while `work` runs (log lines and EMF documents), one entry per JSON line. */
export const stdoutLines = async (
  work: () => Promise<unknown>,
): Promise<Record<string, unknown>[]> => {
  const written: string[] = [];
  const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    written.push(String(chunk));
    return true;
  });
  try {
    await work();
  } finally {
    spy.mockRestore();
  }
  return written
    .join("")
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line));
};
