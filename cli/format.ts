import type { RuleSetDiff } from "../lambda/core/diff.js";
import { describeRegion, earliestChange, type ImpactRegion } from "../lambda/core/impact.js";
import type { AuditEntry, VersionMeta } from "../lambda/store/table-items.js";

const describeVersion = (version: number | null): string =>
  version === null ? "none" : String(version);

/** Who acted: the identity the credentials gave, and the `--actor` note beside it. */
const describeActor = ({ actor, actorNote }: { actor: string; actorNote?: string | undefined }) =>
  actorNote ? `${actor} (${actorNote})` : actor;

export const formatVersions = (
  versions: readonly VersionMeta[],
  active: number | undefined,
): string =>
  versions.length === 0
    ? "no versions yet"
    : versions
        .map(
          (v) =>
            `${v.version === active ? "*" : " "} ${String(v.version).padStart(4)}  ${v.status.padEnd(9)}  ${v.publishedAt ?? v.createdAt}  ${describeActor(v)}  ${v.ruleCount} rules  ${v.message}`,
        )
        .join("\n");

export const formatMeta = (meta: VersionMeta): string =>
  [
    `version    ${meta.version}`,
    `status     ${meta.status}`,
    `actor      ${describeActor(meta)}`,
    `created    ${meta.createdAt}`,
    `published  ${meta.publishedAt ?? "-"}`,
    `message    ${meta.message}`,
    `rules      ${meta.ruleCount} in ${meta.procedureCount} procedures`,
    `checksum   ${meta.checksum}`,
  ].join("\n");

export const formatDiff = (diff: RuleSetDiff): string => {
  const lines = (["procedures", "rules"] as const).flatMap((part) => {
    const { added, removed, changed } = diff[part];
    const noun = part === "rules" ? "rule" : "procedure";
    return [
      ...added.map((id) => `+ ${noun} ${id}`),
      ...removed.map((id) => `- ${noun} ${id}`),
      ...changed.flatMap(({ id, fields }) =>
        fields.map(
          (f) => `~ ${noun} ${id} ${f.field}: ${JSON.stringify(f.from)} -> ${JSON.stringify(f.to)}`,
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

/** Regions for --json: as computed, each with the sentence a person reads. */
export const impactJson = (regions: readonly ImpactRegion[]) =>
  regions.map((region) => ({ ...region, description: describeRegion(region) }));

export const formatAudit = (entries: readonly AuditEntry[]): string =>
  entries.length === 0
    ? "no audit entries yet"
    : entries
        .map(
          (e) =>
            `${e.at}  ${e.action.padEnd(8)}  ${describeVersion(e.fromVersion)} -> ${e.toVersion}  ${describeActor(e)}${e.message ? `  ${e.message}` : ""}${e.allowedPastChanges ? "  (past changes allowed)" : ""}`,
        )
        .join("\n");
