import { bandLabel } from "../../core/age-band.js";
import type { AuditEntry, VersionMeta } from "../../store/table-items.js";
import { api, type StoredVersion, type VersionList } from "./api.js";
import { ProcedurePicture } from "./picture.js";

const who = ({ actor, actorNote }: { actor: string; actorNote?: string | undefined }) =>
  actorNote ? `${actor} (${actorNote})` : actor;

/** Every version, newest first, the active one marked; each can be viewed or rolled back to. */
export const VersionsTable = ({
  list,
  onView,
  onRollback,
}: {
  list: VersionList;
  onView: (version: number) => void;
  onRollback: (version: number) => void;
}) => (
  <table class="versions">
    <caption>Versions, newest first</caption>
    <thead>
      <tr>
        <th scope="col">Version</th>
        <th scope="col">Status</th>
        <th scope="col">Published</th>
        <th scope="col">By</th>
        <th scope="col">Rules</th>
        <th scope="col">Message</th>
        <th scope="col">Actions</th>
      </tr>
    </thead>
    <tbody>
      {list.versions.map((meta: VersionMeta) => (
        <tr key={meta.version} class={meta.version === list.active ? "active" : undefined}>
          <th scope="row">
            {meta.version}
            {meta.version === list.active && <strong class="active-mark"> (active)</strong>}
          </th>
          <td>{meta.revoked ? "revoked: never served again" : meta.status}</td>
          <td>{meta.publishedAt ?? "-"}</td>
          <td>{who(meta)}</td>
          <td>{meta.ruleCount}</td>
          <td>{meta.message}</td>
          <td>
            <button type="button" onClick={() => onView(meta.version)}>
              View version {meta.version}
            </button>
            {meta.status === "published" && !meta.revoked && meta.version !== list.active && (
              <button type="button" onClick={() => onRollback(meta.version)}>
                Roll back to version {meta.version}…
              </button>
            )}
          </td>
        </tr>
      ))}
    </tbody>
  </table>
);

export const AuditTable = ({ entries }: { entries: readonly AuditEntry[] }) => (
  <table class="audit">
    <caption>Audit trail, newest first</caption>
    <thead>
      <tr>
        <th scope="col">When</th>
        <th scope="col">Action</th>
        <th scope="col">From → to</th>
        <th scope="col">Who</th>
        <th scope="col">Message</th>
      </tr>
    </thead>
    <tbody>
      {entries.map((entry) => (
        <tr key={`${entry.at}${entry.toVersion}`}>
          <td>{entry.at}</td>
          <td>{entry.action}</td>
          <td>
            {entry.fromVersion ?? "none"} → {entry.toVersion}
          </td>
          <td>{who(entry)}</td>
          <td>
            {entry.message}
            {entry.allowedPastChanges && " (past dates of service re-coded, confirmed)"}
          </td>
        </tr>
      ))}
    </tbody>
  </table>
);

/** One version: its procedures as pictures, and its rules as a table. */
export const VersionView = ({ stored }: { stored: StoredVersion }) => {
  const { meta, content, problems } = stored;
  return (
    <section aria-labelledby="version-heading">
      <h2 id="version-heading">Version {meta.version}</h2>
      <p>
        {meta.status}, {meta.ruleCount} rules in {meta.procedureCount} procedures.{" "}
        <a href={api.csvPath(meta.version)} download={`code-rules-version-${meta.version}.csv`}>
          Download version {meta.version} as CSV
        </a>
      </p>
      {problems.length > 0 && (
        <p class="warning">
          This version does not validate ({problems.length} problems); it is never served.
        </p>
      )}
      {content.procedures.map((procedure) => (
        <section key={procedure.key} class="procedure" aria-labelledby={`view-${procedure.key}`}>
          <h3 id={`view-${procedure.key}`}>{procedure.key}</h3>
          <ProcedurePicture
            procedure={procedure}
            rules={content.rules}
            place={`version-${meta.version}`}
          />
          <table>
            <caption class="visually-hidden">Rules of {procedure.key}</caption>
            <thead>
              <tr>
                <th scope="col">Code</th>
                <th scope="col">Ages</th>
                <th scope="col">Dates of service</th>
                <th scope="col">Text</th>
              </tr>
            </thead>
            <tbody>
              {content.rules
                .filter((rule) => rule.procedure === procedure.key)
                .map((rule) => (
                  <tr key={rule.id}>
                    <th scope="row">{rule.code}</th>
                    <td>{bandLabel(rule.band)}</td>
                    <td>
                      {rule.effective.from} – {rule.effective.to ?? "on"}
                    </td>
                    <td>{rule.text}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </section>
      ))}
    </section>
  );
};
