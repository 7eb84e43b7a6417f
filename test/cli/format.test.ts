import { describe, expect, it } from "vitest";
import { formatDiff } from "../../cli/format.js";

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
