import { keys, type VersionMeta } from "../store/table-items.js";
import type { AdminTable } from "./admin-table.js";
import { writeBatches } from "./batch-writes.js";

/** A version whose content `gc` deleted. */
export interface CollectedVersion {
  readonly version: number;
  /** It was staged and stale, not abandoned by its publish. */
  readonly wasStaged: boolean;
  readonly items: number;
}

/**
 * Deletes the content items of abandoned versions, and of versions staged longer ago than
 * `staleAfterMs` (a publish that died before it could mark its version), which are marked
 * abandoned first. Metadata, the pointer and the audit trail are never deleted: each collected
 * version's metadata records when its content went.
 */
export const collectGarbage = async (
  table: AdminTable,
  staleAfterMs: number,
): Promise<CollectedVersion[]> => {
  const now = table.clock();
  const isDebris = (meta: VersionMeta) =>
    meta.contentDeletedAt === undefined &&
    (meta.status === "abandoned" ||
      (meta.status === "staged" && now.getTime() - Date.parse(meta.createdAt) > staleAfterMs));
  const collected: CollectedVersion[] = [];
  for (const meta of (await table.listVersions()).filter(isDebris)) {
    if (meta.status === "staged") {
      // Abandoned is final; a staged one may have been published meanwhile, so read it again.
      await table.markAbandoned(meta.version);
      const current = await table.versionMeta(meta.version);
      if (current?.status !== "abandoned") continue;
    }
    const items = await deleteContent(table, meta.version, now);
    collected.push({ version: meta.version, wasStaged: meta.status === "staged", items });
  }
  return collected;
};

/**
 * Deletes an abandoned version's content and records when; returns how many items went. The
 * partition is read again until it is empty: a dead publish's last batch can still land after
 * the first read (the store finishes a write its client gave up on), and once the deletion is
 * recorded gc never looks at the version again.
 */
const deleteContent = async (table: AdminTable, version: number, now: Date): Promise<number> => {
  let deleted = 0;
  for (;;) {
    const items = await table.queryAll(keys.content(version), true);
    if (items.length === 0) break;
    await writeBatches(
      table,
      items.map(({ pk, sk }) => ({ DeleteRequest: { Key: { pk, sk } } })),
    );
    deleted += items.length;
  }
  await table.updateVersionMeta(version, "abandoned", { contentDeletedAt: now.toISOString() });
  return deleted;
};
