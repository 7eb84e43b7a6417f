import { err, ok, type Result } from "../core/result.js";

const describe = (version: number | undefined): string =>
  version === undefined ? "no version" : `version ${version}`;

/** What a publish is told about the version it replaces. */
interface Replacing {
  /** The file or folder published, for messages. */
  readonly path: string;
  /** The version the files were exported from (`baseVersion` in them), if they say. */
  readonly baseVersion?: number | undefined;
  /** `--expect-version N`: the admin names the version they replace (0: none). */
  readonly expectVersion?: number | undefined;
  /** `--force`: replace whatever is active. */
  readonly force?: boolean | undefined;
  /** The version active now, if any. */
  readonly active?: number | undefined;
}

/**
 * The version a publish may replace (null: none may be active), or why it may not go ahead. A file exported from one version replaces that version and no other,
 * so an edit of an old export never drops what was published since; a file with no base version
 * replaces nothing unless the admin says what.
 */
export const versionToReplace = ({
  path,
  baseVersion,
  expectVersion,
  force,
  active,
}: Replacing): Result<number | null, string> => {
  if (force) return ok(active ?? null);
  if (expectVersion !== undefined) {
    const expected = expectVersion === 0 ? undefined : expectVersion;
    if (expected === active) return ok(expected ?? null);
    return err(
      `expected ${describe(expected)} to be active, but ${describe(active)} is; nothing was written${expected && active ? `; see what changed with \`code-rules diff ${expected} ${active}\`` : ""}`,
    );
  }
  if (baseVersion !== undefined) {
    if (active === baseVersion) return ok(baseVersion);
    return err(
      active === undefined
        ? `${path} was exported from version ${baseVersion}, but no version is active in this table; publish with --expect-version 0 to make it the first, or --force`
        : `${path} was exported from version ${baseVersion}, but version ${active} is active: see what changed with \`code-rules diff ${baseVersion} ${active}\`, then make your edits on an export of version ${active}, or publish with --force to replace it anyway`,
    );
  }
  if (active === undefined) return ok(null);
  return err(
    `${path} names no base version and version ${active} is active: export it (\`code-rules export -o FILE\`) and edit that, or publish with --expect-version ${active} (after \`code-rules export ${active}\` shows what you replace), or --force`,
  );
};
