import { bandLabel } from "../../core/age-band.js";
import { servedText } from "../../core/served-text.js";
import type { VersionMeta } from "../../store/table-items.js";
import { api, type StoredVersion, type VersionList } from "./api.js";
import { ProcedurePicture } from "./picture.js";
import { who } from "./who.js";

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

/** One version: its procedures as pictures, and its rules as a table. */
export const VersionView = ({ stored }: { stored: StoredVersion }) => {
  const { meta, content } = stored;
  return (
    <section aria-labelledby="version-heading">
      <h2 id="version-heading">Version {meta.version}</h2>
      <p>
        {meta.status}, {meta.ruleCount} rules in {meta.procedureCount} procedures.{" "}
        <a href={api.csvPath(meta.version)} download={`code-rules-version-${meta.version}.csv`}>
          Download version {meta.version} as CSV
        </a>
      </p>
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
                <th scope="col">Text callers read</th>
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
                    <td>{servedText(rule)}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </section>
      ))}
    </section>
  );
};
