import { describe, expect, it } from "vitest";
import type { Content } from "../../studio/web/content.js";
import { rebaseContent } from "../../studio/web/rebase-copy.js";
import { setText } from "../../studio/web/rule-edits.js";
import { RULE_33951, RULE_33952, shippedContent } from "./shipped-content.js";

const base = shippedContent();
const version = (number: number, content: Content) => ({ version: number, content });
const sourceOf = (content: Content, id: string) =>
  content.rules.find((rule) => rule.id === id)?.source;

describe("bringing a working copy up to date with a version published meanwhile", () => {
  it("keeps the copy's edits and the version's, where they touch different rules", () => {
    const theirs = setText(base, RULE_33952, "source", "https://example.org/theirs");
    const mine = setText(base, RULE_33951, "source", "https://example.org/mine");
    const rebased = rebaseContent(base, version(2, theirs), mine);
    if (!rebased.ok) throw new Error(rebased.said.text);
    expect(sourceOf(rebased.content, RULE_33951)).toBe("https://example.org/mine");
    expect(sourceOf(rebased.content, RULE_33952)).toBe("https://example.org/theirs");
  });

  it("changes nothing where both changed one rule, and names that rule in words", () => {
    const theirs = setText(base, RULE_33951, "source", "https://example.org/theirs");
    const mine = setText(base, RULE_33951, "source", "https://example.org/mine");
    const rebased = rebaseContent(base, version(2, theirs), mine);
    if (rebased.ok) throw new Error("both sides changed 33951: it should not merge");
    expect(rebased.said.kind).toBe("error");
    expect(rebased.said.text).toContain("version 2 changed a rule your working copy changes too");
    expect(rebased.said.details).toEqual([
      "33951, ages birth through 5 years, from 1 January 2015",
    ]);
  });
});
