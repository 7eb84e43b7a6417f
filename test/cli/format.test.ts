import { describe, expect, it } from "vitest";
import { formatAudit, formatDiff, formatVersions } from "../../cli/format.js";

const none = { added: [], removed: [], changed: [] };

describe("a diff as the CLI prints it", () => {
  it("says (none) for a field absent on one side, such as an end date added", () => {
    const diff = {
      procedures: none,
      rules: {
        ...none,
        changed: [
          {
            id: "ecmo-33951",
            fields: [{ field: "effective.to", from: undefined, to: "2098-12-31" }],
          },
        ],
      },
    };
    expect(formatDiff(diff)).toBe('~ rule ecmo-33951 effective.to: (none) -> "2098-12-31"');
  });
});

describe("the audit trail as the CLI prints it", () => {
  const links = { sequence: 1, previousHash: "", hash: "h", signature: "s" };
  const at = "2026-12-06T12:00:00.000Z";

  it("marks a setting lowered with break glass, with its reason", () => {
    const entry = {
      action: "settings",
      actor: "kim",
      at,
      message: "",
      approvalsRequired: 1,
      breakGlass: "leave",
    } as const;
    expect(formatAudit([{ ...entry, ...links }])).toBe(
      `${at}  settings  approvals required: 1  kim  (BREAK GLASS, no second person approved: leave)`,
    );
  });

  it("names a published request, who proposed it and who approved it", () => {
    const entry = {
      action: "publish",
      actor: "sam",
      at,
      message: "",
      fromVersion: 1,
      toVersion: 2,
      request: 4,
      proposedBy: "alex",
      approvedBy: ["sam"],
    } as const;
    expect(formatAudit([{ ...entry, ...links }])).toBe(
      `${at}  publish   1 -> 2 (request 4)  sam  (proposed by alex)  (approved by sam)`,
    );
  });
});

describe("the versions as list --all prints them", () => {
  it("says when gc deleted an abandoned version's items", () => {
    const meta = {
      version: 2,
      status: "abandoned",
      actor: "kim",
      message: "large",
      createdAt: "2026-12-06T12:00:00.000Z",
      ruleCount: 606,
      procedureCount: 281,
      checksum: "c",
    } as const;
    expect(formatVersions([meta], 1)).toBe(
      "     2  abandoned  2026-12-06T12:00:00.000Z  kim  606 rules  large",
    );
    expect(formatVersions([{ ...meta, contentDeletedAt: "2026-12-07T08:00:00.000Z" }], 1)).toBe(
      "     2  abandoned  2026-12-06T12:00:00.000Z  kim  606 rules (items deleted by gc 2026-12-07T08:00:00.000Z)  large",
    );
  });
});
