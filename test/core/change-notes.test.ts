import { describe, expect, it } from "vitest";
import { changeNoteProblem, MAX_NOTE_LENGTH } from "../../core/change-notes.js";

describe("the notes an admin writes about a change", () => {
  it("may be left out, or be any plain text up to their length", () => {
    expect(changeNoteProblem({})).toBeUndefined();
    expect(
      changeNoteProblem({
        message: "2027 codes: 33951 now stops at 5 years — see the AMA's errata",
        reason: "r".repeat(MAX_NOTE_LENGTH.reason),
        actorNote: "Dana (coding manager), ticket #4411",
      }),
    ).toBeUndefined();
  });

  it.each([
    [
      "message",
      "m".repeat(MAX_NOTE_LENGTH.message + 1),
      "the message is 501 characters long; at most 500",
    ],
    [
      "reason",
      "x".repeat(MAX_NOTE_LENGTH.reason + 1),
      "the reason is 501 characters long; at most 500",
    ],
    [
      "actorNote",
      "a".repeat(MAX_NOTE_LENGTH.actorNote + 1),
      "the actor note is 201 characters long; at most 200",
    ],
  ] as const)("refuses a %s over its length", (field, value, message) => {
    expect(changeNoteProblem({ [field]: value })).toEqual({ field, message });
  });

  it.each([
    [
      "markup",
      "roll back <script>alert(1)</script>",
      "must not hold markup characters < or > (< at character 11)",
    ],
    ["a forged line", "fix\npublished by admin", "U+000A at character 4"],
    ["a terminal escape", "fix \u001b[2J", "U+001B at character 5"],
    ["a bidirectional override", "fix \u202e33952", "U+202E at character 5"],
  ])("refuses %s, saying which character and where", (_what, value, says) => {
    expect(changeNoteProblem({ message: value })?.message).toContain(says);
    expect(changeNoteProblem({ actorNote: value })?.field).toBe("actorNote");
  });
});
