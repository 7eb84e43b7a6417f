import { describe, expect, it } from "vitest";
import { versionToReplace } from "../../cli/base-version.js";

const path = "edit.yaml";

describe("versionToReplace", () => {
  it("replaces the version a file was exported from while it is active", () => {
    expect(versionToReplace({ path, baseVersion: 3, active: 3 })).toEqual({ ok: true, value: 3 });
  });

  it("refuses an export of a version no longer active, naming both and the diff to read", () => {
    expect(versionToReplace({ path, baseVersion: 3, active: 4 })).toEqual({
      ok: false,
      error: expect.stringMatching(
        /^edit\.yaml was exported from version 3, but version 4 is active: see what changed with `code-rules diff 3 4`/,
      ),
    });
  });

  it("publishes a file with no base version into an empty table only", () => {
    expect(versionToReplace({ path })).toEqual({ ok: true, value: null });
    expect(versionToReplace({ path, active: 1 })).toEqual({
      ok: false,
      error: expect.stringContaining("names no base version and version 1 is active"),
    });
  });

  it("takes --expect-version over the base version, when it names the active version", () => {
    expect(versionToReplace({ path, baseVersion: 3, expectVersion: 4, active: 4 })).toEqual({
      ok: true,
      value: 4,
    });
    expect(versionToReplace({ path, expectVersion: 0 })).toEqual({ ok: true, value: null });
    expect(versionToReplace({ path, expectVersion: 2, active: 1 })).toEqual({
      ok: false,
      error:
        "expected version 2 to be active, but version 1 is; nothing was written; see what changed with `code-rules diff 2 1`",
    });
    expect(versionToReplace({ path, expectVersion: 0, active: 1 })).toEqual({
      ok: false,
      error: "expected no version to be active, but version 1 is; nothing was written",
    });
  });

  it("replaces whatever is active with --force", () => {
    expect(versionToReplace({ path, baseVersion: 3, force: true, active: 9 })).toEqual({
      ok: true,
      value: 9,
    });
  });
});
