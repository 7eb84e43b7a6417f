import { useState } from "preact/hooks";
import type { Reply } from "./api-types.js";
import { refusalInWords } from "./problem-words.js";
import type { Said } from "./said.js";
import { useStudio } from "./studio-context.js";

export interface Action {
  readonly said: Said | undefined;
  readonly busy: boolean;
  /**
   * Runs a call of the API: while it runs the message says `working`; then `done` says what it
   * did, or the refusal is said in the store's words. Answers the value, or undefined when refused.
   */
  run<T>(
    working: string,
    call: () => Promise<Reply<T>>,
    done: (value: T) => string,
  ): Promise<T | undefined>;
  say(said: Said | undefined): void;
}

/** One place where a person acts, and what the page last said about it. */
export const useAction = (): Action => {
  const { words, shown } = useStudio();
  const [said, say] = useState<Said | undefined>();
  const [busy, setBusy] = useState(false);
  const run: Action["run"] = async (working, call, done) => {
    setBusy(true);
    say({ kind: "working", text: working });
    const reply = await call();
    setBusy(false);
    if (reply.ok) {
      say({ kind: "done", text: done(reply.value) });
      return reply.value;
    }
    const refusal = refusalInWords(reply.problem, shown, words);
    say({ kind: "error", text: refusal.text, details: refusal.details });
    return undefined;
  };
  return { said, busy, run, say };
};
