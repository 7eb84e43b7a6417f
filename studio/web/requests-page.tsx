import { useState } from "preact/hooks";
import type { RequestList, RequestSummary } from "./api-types.js";
import { PageHeading } from "./page-heading.js";
import { isMine, useStudio } from "./studio-context.js";
import { TableScroll } from "./table-scroll.js";
import { momentInWords, personName, stateInWords } from "./words.js";

const approvalsInWords = (
  request: RequestSummary,
  people: Readonly<Record<string, string>>,
): string => {
  const names = request.approvedBy.map((actor) => personName(actor, people));
  const count = `${request.approvals} of ${request.approvalsRequired}`;
  return names.length > 0 ? `${count}: ${names.join(", ")}` : count;
};

/** The change requests, newest first: the open ones, and the closed ones on asking. */
export const RequestsPage = ({ list }: { list: RequestList | undefined }) => {
  const { me, people } = useStudio();
  const [closedShown, setClosedShown] = useState(false);
  if (!list) return <p role="status">Reading the change requests…</p>;
  const everyone = { ...list.people, ...people };
  const shown = list.requests.filter((request) => closedShown || request.open);
  return (
    <>
      <PageHeading>Change requests</PageHeading>
      <p>
        A change goes live once{" "}
        {list.approvalsRequired === 1
          ? "a second person"
          : `${list.approvalsRequired} other people`}{" "}
        {list.approvalsRequired === 1 ? "approves" : "approve"} it; no one approves their own.
      </p>
      <label class="check">
        <input
          type="checkbox"
          checked={closedShown}
          onChange={(event) => setClosedShown(event.currentTarget.checked)}
        />
        Show closed requests too (published, rejected, withdrawn)
      </label>
      <TableScroll labelledBy="requests-caption">
        <table class="requests">
          <caption id="requests-caption">
            {closedShown ? "Every change request" : "Open change requests"}, newest first
          </caption>
          <thead>
            <tr>
              <th scope="col">Request</th>
              <th scope="col">Proposed by</th>
              <th scope="col">Where it stands</th>
              <th scope="col">Approvals</th>
              <th scope="col">Last changed</th>
            </tr>
          </thead>
          <tbody>
            {shown.length === 0 && (
              <tr>
                <td colSpan={5}>
                  {closedShown ? "No change requests yet." : "No open change requests."}
                </td>
              </tr>
            )}
            {shown.map((request) => (
              <tr key={request.number}>
                <th scope="row">
                  <a href={`#/requests/${request.number}`}>
                    {request.number}: {request.title}
                  </a>
                </th>
                <td>{isMine(me, request.author) ? "you" : personName(request.author, everyone)}</td>
                <td>
                  {stateInWords(request.state)}
                  {request.publishedVersion !== null && ` as version ${request.publishedVersion}`}
                  {request.conflicts > 0 && `, ${request.conflicts} conflict(s) to resolve`}
                </td>
                <td>{approvalsInWords(request, everyone)}</td>
                <td>{momentInWords(request.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
};
