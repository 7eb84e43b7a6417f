import { err, ok, type Result } from "../core/result.js";
import type { VersionMeta } from "../store/table-items.js";
import type { AdminTable } from "./admin-table.js";
import { type ChangeRequest, requestAuthority } from "./change-request.js";
import { publish } from "./publisher.js";
import { type Acting, loadRequest, refuseUnlessIn } from "./request-steps.js";
import type { StoreRefusal } from "./store-refusal.js";
import { approvalsRequiredIn, approversIn, readVerifiedTrail } from "./verified-trail.js";

/** What an approved request's publish says. */
export interface PublishedRequest {
  readonly request: ChangeRequest;
  readonly version: VersionMeta;
}

/**
 * Publishes a change request's rules as the new active version, under the change policy: only over
 * the version it is based on (else it is rebased first), with its conflicts resolved and enough
 * approvals of it as it stands from people other than its author, as the signed audit trail
 * records them. The request is marked
 * published in the same transaction that moves the pointer.
 */
export const publishRequest = async (
  table: AdminTable,
  number: number,
  by: Acting & { readonly asOf?: string | undefined },
): Promise<Result<PublishedRequest, StoreRefusal>> => {
  const loaded = await loadRequest(table, number);
  if (!loaded.ok) return loaded;
  const { request } = loaded.value;
  const refusal = refuseUnlessIn(request, ["in-review", "approved"], "published");
  if (refusal) return err(refusal);
  const trail = await readVerifiedTrail(table);
  if (!trail.ok) return trail;
  const authority = requestAuthority(
    request,
    approvalsRequiredIn(trail.value.entries),
    approversIn(trail.value.entries, request),
  );
  const published = await publish(table, request.content, {
    ...by,
    message: `${request.title} (change request ${number})`,
    expectVersion: request.baseVersion,
    allowPastChanges: request.allowPastChanges,
    allowRemovals: request.allowRemovals,
    authority,
  });
  if (!published.ok) return published;
  const version = published.value;
  return ok({
    request: { ...request, state: "published", publishedVersion: version.version },
    version,
  });
};
