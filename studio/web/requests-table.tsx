import { useState } from "preact/hooks";
import type { RequestSummary } from "../request-summary.js";
import type { RequestList } from "./api.js";

const leaveAsked = (request: RequestSummary): string[] => [
  ...(request.allowPastChanges ? ["to change answers for past dates of service"] : []),
  ...(request.allowRemovals ? ["to remove procedures or codes"] : []),
];

const stateSaid = ({ state, publishedVersion }: RequestSummary): string => {
  const said = state.replace("-", " ");
  return publishedVersion === null ? said : `${said} as version ${publishedVersion}`;
};

const approvalsSaid = ({ approvals, approvalsRequired, approvedBy }: RequestSummary): string =>
  `${approvals} of ${approvalsRequired}${approvedBy.length > 0 ? ` (${approvedBy.join(", ")})` : ""}`;

/**
 * The change requests, read-only: open ones, and closed ones on asking. Reviewing and approving
 * happen in the CLI until the studio deployed with the stack does them in the browser.
 */
export const RequestsTable = ({ list }: { list: RequestList }) => {
  const [closedShown, setClosedShown] = useState(false);
  const shown = list.requests.filter((request) => closedShown || request.open);
  return (
    <>
      <p>
        Review and approve with <code>code-rules change show N</code> /{" "}
        <code>code-rules change approve N</code>, as a second person (never the author); reviewing
        in the browser comes with the studio deployed with the stack. A request needs{" "}
        {list.approvalsRequired} approval(s).
      </p>
      <div>
        <input
          id="requests-closed"
          type="checkbox"
          checked={closedShown}
          onChange={(e) => setClosedShown((e.currentTarget as HTMLInputElement).checked)}
        />
        <label for="requests-closed">
          Show closed requests too (published, rejected, withdrawn)
        </label>
      </div>
      <table class="requests">
        <caption>{closedShown ? "Change requests" : "Open change requests"}, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Request</th>
            <th scope="col">State</th>
            <th scope="col">Title</th>
            <th scope="col">Author</th>
            <th scope="col">Base version</th>
            <th scope="col">Approvals</th>
            <th scope="col">Conflicts</th>
            <th scope="col">Comments</th>
            <th scope="col">Updated</th>
          </tr>
        </thead>
        <tbody>
          {shown.length === 0 && (
            <tr>
              <td colSpan={9}>
                {closedShown ? "No change requests." : "No open change requests."}
              </td>
            </tr>
          )}
          {shown.map((request) => (
            <tr key={request.number}>
              <th scope="row">{request.number}</th>
              <td>{stateSaid(request)}</td>
              <td>
                {request.title}
                {leaveAsked(request).map((leave) => (
                  <span key={leave} class="hint">
                    {" "}
                    (asks leave {leave})
                  </span>
                ))}
              </td>
              <td>{request.author}</td>
              <td>{request.baseVersion ?? "none"}</td>
              <td>{approvalsSaid(request)}</td>
              <td>{request.conflicts}</td>
              <td>{request.comments}</td>
              <td>{request.updatedAt}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
};
