import { gunzipSync, gzipSync } from "node:zlib";
import { canonical } from "../core/canonical.js";
import { err, ok, type Result } from "../core/result.js";
import type { MergeableRules, MergeConflict } from "../core/three-way-merge.js";
import { ruleSetChecksum } from "../store/checksum.js";
import { keys, type RequestRecord } from "../store/table-items.js";
import type { AdminTable, TransactItem } from "./admin-table.js";
import { appendAudit } from "./audit-log.js";
import type { Authority } from "./change-policy.js";
import type { ChangeRequest } from "./change-request.js";

/**
 * A change request as one item under the REQUESTS partition. Its rules and conflicts travel
 * gzipped in one binary attribute: a whole rule set as JSON is several times DynamoDB's item
 * limit of 400 KB, gzipped a tenth of it. `writes` counts the item's writes, so that each write is
 * made only over the one it read.
 */
interface RequestItem extends Omit<ChangeRequest, "content" | "conflicts"> {
  readonly pk: string;
  readonly sk: string;
  readonly writes: number;
  readonly body: Uint8Array;
}

/** The largest gzipped body kept in one item, under DynamoDB's 400 KB with room for the review. */
export const MAX_REQUEST_BODY_BYTES = 300 * 1024;

/** A request as read, with the count of writes its next write is conditioned on. */
export interface StoredRequest {
  readonly request: ChangeRequest;
  readonly writes: number;
}

interface Body {
  readonly content: MergeableRules;
  readonly conflicts: readonly MergeConflict[];
}

export const encodeBody = (body: Body): Buffer =>
  gzipSync(Buffer.from(JSON.stringify(canonical(body)), "utf8"));

/** What a body that cannot be read stands for: no rules, which no approval can be of. */
const UNREADABLE: Body = { content: { procedures: [], rules: [] }, conflicts: [] };

/**
 * The body as written by `encodeBody`. One that does not unzip or parse was written by another
 * hand: it reads as no rules, and the request says it is damaged.
 */
const decodeBody = (bytes: Uint8Array): Body | undefined => {
  try {
    return JSON.parse(gunzipSync(bytes).toString("utf8")) as Body;
  } catch {
    return undefined;
  }
};

/**
 * A request as read. Its checksum is taken again from the rules it holds, never from the item: a
 * rule changed in the table by another hand than code-rules' is then not the content anyone
 * approved, and no approval of it counts.
 */
const fromItem = (item: Record<string, unknown>): StoredRequest => {
  const { pk: _pk, sk: _sk, writes, body, ...fields } = item as unknown as RequestItem;
  const decoded = decodeBody(body);
  const { content, conflicts } = decoded ?? UNREADABLE;
  const request = { ...fields, content, conflicts, checksum: ruleSetChecksum(content) };
  return {
    request: decoded ? request : { ...request, damaged: true },
    writes: Number(writes),
  };
};

export const readRequest = async (
  table: AdminTable,
  number: number,
): Promise<StoredRequest | undefined> => {
  const item = await table.getItem(keys.requests, keys.request(number));
  return item && fromItem(item);
};

/** Every change request, newest first. */
export const listRequests = async (table: AdminTable): Promise<ChangeRequest[]> =>
  (await table.queryAll(keys.requests, false))
    .filter((item) => String(item.sk).startsWith("REQUEST#"))
    .map((item) => fromItem(item).request);

/** The next change request's number. */
export const reserveRequestNumber = (table: AdminTable): Promise<number> =>
  table.nextNumber(keys.requests, "lastRequest");

/** Why a request's step was not written. */
export type SaveRefusal = "changed-meanwhile" | "too-large";

/**
 * Writes the request as it now stands and the audit entry of the step, in one transaction, only
 * over the write it was read at (`writes`; none for a new request). A request changed by someone
 * else meanwhile, or too large for one item, is refused and nothing is written.
 */
export const saveRequest = async (
  table: AdminTable,
  request: ChangeRequest,
  writes: number | undefined,
  record: Omit<RequestRecord, "action" | "request" | "revision" | "checksum">,
): Promise<Result<void, SaveRefusal>> => {
  const { content, conflicts, ...fields } = request;
  const body = encodeBody({ content, conflicts });
  if (body.byteLength > MAX_REQUEST_BODY_BYTES) return err("too-large");
  const item: RequestItem = {
    pk: keys.requests,
    sk: keys.request(request.number),
    ...fields,
    writes: (writes ?? 0) + 1,
    body,
  };
  const put: TransactItem = {
    Put: {
      TableName: table.tableName,
      Item: item,
      ...(writes === undefined
        ? { ConditionExpression: "attribute_not_exists(pk)" }
        : {
            ConditionExpression: "writes = :writes",
            ExpressionAttributeValues: { ":writes": writes },
          }),
    },
  };
  const appended = await appendAudit(
    table,
    {
      action: "request",
      request: request.number,
      revision: request.revision,
      checksum: request.checksum,
      ...record,
    },
    [put],
  );
  return appended.ok ? ok(undefined) : err("changed-meanwhile");
};

/**
 * A publish's mark on the change request it puts live, written in the move's own transaction: only
 * while the request is open and its content is the one approved.
 */
export const requestPublished = (
  tableName: string,
  authority: Authority | undefined,
  version: number,
  at: string,
): TransactItem[] =>
  authority?.kind !== "request"
    ? []
    : [
        {
          Update: {
            TableName: tableName,
            Key: { pk: keys.requests, sk: keys.request(authority.request) },
            UpdateExpression:
              "SET #state = :published, publishedVersion = :version, updatedAt = :at ADD writes :one",
            ConditionExpression: "#state IN (:review, :approved) AND checksum = :checksum",
            ExpressionAttributeNames: { "#state": "state" },
            ExpressionAttributeValues: {
              ":published": "published",
              ":review": "in-review",
              ":approved": "approved",
              ":version": version,
              ":at": at,
              ":one": 1,
              ":checksum": authority.checksum,
            },
          },
        },
      ];
