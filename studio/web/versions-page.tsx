import { useEffect, useState } from "preact/hooks";
import type { AuditTrail, VersionMeta } from "./api-types.js";
import { CompareVersions } from "./compare-versions.js";
import { PageHeading } from "./page-heading.js";
import { isApprover, useStudio } from "./studio-context.js";
import { TableScroll } from "./table-scroll.js";
import { VersionActions } from "./version-actions.js";
import { momentInWords, personName } from "./words.js";

const actionsButtonId = (version: number): string => `version-${version}-actions`;

const statusInWords = (meta: VersionMeta, active: number | null): string => {
  if (meta.revoked) return "revoked: never served again";
  if (meta.version === active) return "in use";
  return meta.status === "published" ? "published before" : meta.status;
};

/**
 * Every version, newest first, with the one in use marked: who published each and why. Any two
 * can be compared; an approver can go back to an earlier one, or revoke one never to be served.
 */
export const VersionsPage = () => {
  const { api, versions, me, people } = useStudio();
  const [trail, setTrail] = useState<AuditTrail | undefined>();
  const [acting, setActing] = useState<number | undefined>();
  useEffect(() => {
    void api.audit().then((read) => read.ok && setTrail(read.value));
  }, [versions]);
  if (!versions) return <p role="status">Reading the versions…</p>;
  const everyone = { ...trail?.people, ...people };
  // Closing gives the focus back to the button that opened it, or, gone (the version is in use
  // now), to the page's heading: never to the page's start.
  const close = (version: number) => {
    setActing(undefined);
    const opener = document.getElementById(actionsButtonId(version));
    (opener ?? document.querySelector<HTMLElement>("#main h1"))?.focus();
  };
  const published = versions.versions.filter((meta) => meta.status === "published");
  return (
    <>
      <PageHeading>Versions</PageHeading>
      <p>
        The API answers with the version in use. Each version is kept as it was published, signed,
        and never changed.
      </p>
      <TableScroll labelledBy="versions-caption">
        <table class="versions">
          <caption id="versions-caption">Versions, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Status</th>
              <th scope="col">Published</th>
              <th scope="col">By</th>
              <th scope="col">Why</th>
              <th scope="col">Rules</th>
              {isApprover(me) && <th scope="col">Actions</th>}
            </tr>
          </thead>
          <tbody>
            {published.map((meta) => (
              <tr
                key={meta.version}
                class={meta.version === versions.active ? "active" : undefined}
              >
                <th scope="row">{meta.version}</th>
                <td>{statusInWords(meta, versions.active)}</td>
                <td>{meta.publishedAt ? momentInWords(meta.publishedAt) : "not published"}</td>
                <td>{meta.actorNote ?? personName(meta.actor, everyone)}</td>
                <td>{meta.message}</td>
                <td>{meta.ruleCount}</td>
                {isApprover(me) && (
                  <td>
                    {meta.version !== versions.active && !meta.revoked && (
                      <button
                        type="button"
                        id={actionsButtonId(meta.version)}
                        onClick={() => setActing(meta.version)}
                      >
                        Roll back or revoke
                        <span class="visually-hidden"> version {meta.version}</span>…
                      </button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {acting !== undefined && (
        <VersionActions key={acting} version={acting} onClose={() => close(acting)} />
      )}
      <CompareVersions versions={published.map((meta) => meta.version)} />
    </>
  );
};
