import { describe, expect, it } from "vitest";
import {
  forgetWorkingCopy,
  type KeyValueStore,
  keepWorkingCopy,
  keptWorkingCopy,
  workingCopyOf,
} from "../../studio/web/working-copy.js";
import { shippedContent } from "./shipped-content.js";

const memoryStore = (): KeyValueStore & { keys(): string[]; values(): string[] } => {
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
    keys: () => [...items.keys()],
    values: () => [...items.values()],
  };
};

const copy = { ...workingCopyOf(1, shippedContent(), "Move the ECMO split"), unsaved: true };

describe("the working copy kept in the browser", () => {
  it("comes back whole after a reload, for the person who made it", () => {
    const store = memoryStore();
    keepWorkingCopy(store, "alex", copy);
    expect(keptWorkingCopy(store, "alex")).toEqual(copy);
  });

  it("is one per person: a colleague signing in on the same browser finds none", () => {
    const store = memoryStore();
    keepWorkingCopy(store, "alex", copy);
    expect(keptWorkingCopy(store, "sam")).toBeUndefined();
  });

  it("holds rules and titles, never a token", () => {
    const store = memoryStore();
    keepWorkingCopy(store, "alex", { ...copy, request: { number: 3, revision: 2, draft: true } });
    const stored = store.values().join("\n");
    expect(stored).not.toMatch(/token|eyJ/i);
    expect(JSON.parse(stored)).toHaveProperty("content.rules");
  });

  it("is forgotten when discarded, and a damaged one is not resumed", () => {
    const store = memoryStore();
    keepWorkingCopy(store, "alex", copy);
    forgetWorkingCopy(store, "alex");
    expect(keptWorkingCopy(store, "alex")).toBeUndefined();
    store.setItem(store.keys()[0] ?? "code-rules.studio.working-copy.alex", "{not json");
    store.setItem("code-rules.studio.working-copy.alex", '{"title": 3}');
    expect(keptWorkingCopy(store, "alex")).toBeUndefined();
  });
});
