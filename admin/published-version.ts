import { err, ok, type Result } from "../core/result.js";
import type { RuleSet } from "../core/rule-set.js";
import { signedItemCount, type VersionMeta } from "../store/table-items.js";
import { checkStoredVersion } from "../store/version-check.js";
import { storedVersion } from "../store/version-reader.js";
import type { AdminTable } from "./admin-table.js";
import { type StoreRefusal, versionNotFound } from "./store-refusal.js";

/** A published version, read and checked as the function would before serving it. */
export interface PublishedVersion {
  readonly meta: VersionMeta;
  readonly ruleSet: RuleSet;
}

/** A version's metadata, if it is a published version (revoked or not). */
export const publishedMeta = async (
  table: AdminTable,
  version: number,
): Promise<Result<VersionMeta, StoreRefusal>> => {
  const meta = await table.versionMeta(version);
  return meta?.status === "published" ? ok(meta) : err(versionNotFound(version));
};

/**
 * A published version's rules, refused unless its content passes every check the function makes
 * before serving it (limits, checksum, validation, signature), in each form it is stored in: the
 * admin side shows, compares, builds on and rolls back to nothing the function would not serve.
 */
export const checkedContent = async (
  table: AdminTable,
  meta: VersionMeta,
): Promise<Result<RuleSet, StoreRefusal>> => {
  const { version } = meta;
  const verify = await table.verifier();
  const forms = await table.storedForms(version, undefined, signedItemCount(meta));
  // The compressed copy (what the function serves) and the rows alike: the first that fails is
  // reported in the words a rewritten row always was.
  const checks = forms.map((content) => checkStoredVersion(storedVersion(meta, content), verify));
  const checked = checks.find((each) => !each.ok) ?? checks[0];
  if (!checked) throw new Error(`version ${version} has no stored form`);
  if (checked.ok) return checked;
  const { kind, reason } = checked.error;
  const message = `version ${version} fails verification: ${reason}; it is never served, shown or built on`;
  return err(
    kind === "tampered"
      ? { kind, version, message }
      : { kind, problems: [{ field: "(rule set)", message: reason }], message },
  );
};

/** A published version with its checked rules. */
export const readPublished = async (
  table: AdminTable,
  version: number,
): Promise<Result<PublishedVersion, StoreRefusal>> => {
  const published = await publishedMeta(table, version);
  if (!published.ok) return published;
  const ruleSet = await checkedContent(table, published.value);
  return ruleSet.ok ? ok({ meta: published.value, ruleSet: ruleSet.value }) : ruleSet;
};
