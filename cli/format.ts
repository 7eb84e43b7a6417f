import type { RuleSetDiff } from "../core/diff.js";
import { describeRegion, earliestChange, type ImpactRegion } from "../core/impact.js";
import { showHidden } from "../core/plain-text.js";
import type { AuditEntry, VersionMeta } from "../store/table-items.js";

/**
 * Stored text as printed: admins' messages and names, labels and ids are hostile until shown, so
 * each goes through this one function, which writes hidden characters (a newline that would forge a
 * line, a terminal escape, a bidirectional override) as escapes.
 */
const shown = showHidden;

const describeVersion = (version: number | null): string =>
  version === null ? "none" : String(version);

/** Who acted: the identity the credentials gave, and the `--actor` note beside it. */
const describeActor = ({ actor, actorNote }: { actor: string; actorNote?: string | undefined }) =>
  actorNote ? `${shown(actor)} (${shown(actorNote)})` : shown(actor);

/** A version's rule count, and whether `gc` deleted its items (its rules are gone then). */
const describeContent = ({ ruleCount, contentDeletedAt }: VersionMeta): string =>
  contentDeletedAt === undefined
    ? `${ruleCount} rules`
    : `${ruleCount} rules (items deleted by gc ${contentDeletedAt})`;

export const formatVersions = (
  versions: readonly VersionMeta[],
  active: number | undefined,
): string =>
  versions.length === 0
    ? "no versions yet"
    : versions
        .map(
          (v) =>
            `${v.version === active ? "*" : " "} ${String(v.version).padStart(4)}  ${v.status.padEnd(9)}  ${v.publishedAt ?? v.createdAt}  ${describeActor(v)}  ${describeContent(v)}  ${shown(v.message)}`,
        )
        .join("\n");

export const formatMeta = (meta: VersionMeta): string =>
  [
    `version    ${meta.version}`,
    `status     ${meta.status}`,
    `actor      ${describeActor(meta)}`,
    `created    ${meta.createdAt}`,
    `published  ${meta.publishedAt ?? "-"}`,
    `message    ${shown(meta.message)}`,
    `rules      ${meta.ruleCount} in ${meta.procedureCount} procedures`,
    `checksum   ${shown(meta.checksum)}`,
    `signed by  ${meta.signingKey ? shown(meta.signingKey) : "- (unsigned: never served)"}`,
    ...(meta.revoked
      ? [
          `revoked    ${meta.revoked.at} by ${shown(meta.revoked.actor)}: ${shown(meta.revoked.reason)}`,
        ]
      : []),
  ].join("\n");

/** A field's value as JSON, or "(none)" where the field is absent on that side (an end date added). */
const describeValue = (value: unknown): string =>
  value === undefined ? "(none)" : shown(JSON.stringify(value));

export const formatDiff = (diff: RuleSetDiff): string => {
  const lines = (["procedures", "rules"] as const).flatMap((part) => {
    const { added, removed, changed } = diff[part];
    const noun = part === "rules" ? "rule" : "procedure";
    return [
      ...added.map((id) => `+ ${noun} ${shown(id)}`),
      ...removed.map((id) => `- ${noun} ${shown(id)}`),
      ...changed.flatMap(({ id, fields }) =>
        fields.map(
          (f) =>
            `~ ${noun} ${shown(id)} ${f.field}: ${describeValue(f.from)} -> ${describeValue(f.to)}`,
        ),
      ),
    ];
  });
  return lines.length > 0 ? lines.join("\n") : "no differences";
};

export const formatRegions = (regions: readonly ImpactRegion[]): string =>
  regions.map((region) => `  ${describeRegion(region)}`).join("\n");

/** The answers a move changes, `against` what (a phrase: "against active version 3"), one region a line. */
export const formatImpact = (regions: readonly ImpactRegion[], against: string): string =>
  regions.length === 0
    ? `no answer changes ${against}`
    : `answers that change ${against} (earliest date of service ${earliestChange(regions)}):\n${formatRegions(regions)}`;

export const formatAudit = (entries: readonly AuditEntry[]): string =>
  entries.length === 0
    ? "no audit entries yet"
    : entries
        .map(
          (e) =>
            `${e.at}  ${e.action.padEnd(8)}  ${auditSubject(e)}  ${describeActor(e)}${e.message ? `  ${shown(e.message)}` : ""}${auditMarks(e)}`,
        )
        .join("\n");

/** What an entry is about: the versions a move went between, a change request's step, a setting. */
const auditSubject = (e: AuditEntry): string => {
  if (e.action === "request") return `request ${e.request} ${e.event}`;
  if (e.action === "settings") return `approvals required: ${e.approvalsRequired}`;
  const request = e.request === undefined ? "" : ` (request ${e.request})`;
  return `${describeVersion(e.fromVersion)} -> ${e.toVersion}${request}`;
};

/** What was let through: each mark a thing a reader of the trail must see. */
const auditMarks = (e: AuditEntry): string => {
  if (e.action === "request" || e.action === "revoke") return "";
  const brokenGlass =
    e.breakGlass && `  (BREAK GLASS, no second person approved: ${shown(e.breakGlass)})`;
  if (e.action === "settings") return brokenGlass || "";
  return [
    brokenGlass,
    e.proposedBy && `  (proposed by ${shown(e.proposedBy)})`,
    e.approvedBy && `  (approved by ${e.approvedBy.map(shown).join(", ")})`,
    e.allowedPastChanges && "  (past changes allowed)",
    e.allowedRemovals && "  (removals allowed)",
  ]
    .filter(Boolean)
    .join("");
};
