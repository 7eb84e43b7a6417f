import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { processIo } from "../../cli/cli-io.js";
import { EXIT_MEANINGS } from "../../cli/exit-codes.js";
import { createProgram } from "../../cli/main.js";

const program = createProgram({ io: processIo, exitCode: 0 });
const managers = readFileSync(new URL("../../docs/coding-managers.md", import.meta.url), "utf8");
// The CLI's section runs to the end of the coding managers' document.
const section = managers.slice(managers.indexOf("## Admin CLI"));
const [synopsis = ""] = section.split("```")[1]?.split("```") ?? [];

describe("the coding managers' Admin CLI section", () => {
  it("names every command of `code-rules --help` and each of its options", () => {
    for (const command of program.commands) {
      expect(synopsis, command.name()).toMatch(new RegExp(`\\b${command.name()}\\b`));
      for (const option of command.options)
        expect(synopsis, `${command.name()} ${option.flags}`).toContain(
          option.short ?? option.long ?? "",
        );
    }
    for (const option of program.options)
      expect(section, option.flags).toContain(option.long ?? "");
  });

  it("has the exit codes of `code-rules --help`, in the same words", () => {
    for (const [code, meaning] of EXIT_MEANINGS)
      expect(section).toContain(`| ${code} | ${meaning} |`);
  });

  it("documents base versions and CSV", () => {
    expect(section).toContain("### Base versions: no lost updates");
    expect(section).toContain("### Rules as a spreadsheet (CSV)");
    expect(section).toContain("`code-rules diff 1 2`");
    expect(section).toContain("--force");
  });
});
