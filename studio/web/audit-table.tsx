import { type AuditEntry, isMoveRecord, type MoveRecord } from "../../store/table-items.js";
import { who } from "./who.js";

/** What stands behind a move besides the admin who made it, and what it was let do. */
const MoveStanding = ({ entry }: { entry: MoveRecord }) => {
  const said = [
    entry.request !== undefined &&
      `request ${entry.request}, proposed by ${entry.proposedBy ?? "unknown"}, approved by ${
        entry.approvedBy?.join(", ") || "no one"
      }`,
    entry.allowedPastChanges && "past dates of service re-coded, with leave",
    entry.allowedRemovals && "procedures or codes removed, with leave",
  ].filter((line): line is string => typeof line === "string");
  return (
    <>
      {entry.fromVersion ?? "none"} → {entry.toVersion}
      {entry.breakGlass !== undefined && (
        <>
          ; <strong>break glass</strong>: {entry.breakGlass}
        </>
      )}
      {said.map((line) => `; ${line}`)}
    </>
  );
};

/** What an entry records, as one cell: a move, a change request's step, or a setting. */
const WhatHappened = ({ entry }: { entry: AuditEntry }) => {
  if (isMoveRecord(entry)) return <MoveStanding entry={entry} />;
  if (entry.action === "request") return <>{`request ${entry.request} ${entry.event}`}</>;
  return <>{`approvals required: ${entry.approvalsRequired}`}</>;
};

/** The signed audit trail, newest first: every move, change request step and setting, by whom. */
export const AuditTable = ({ entries }: { entries: readonly AuditEntry[] }) => (
  <table class="audit">
    <caption>Audit trail, newest first</caption>
    <thead>
      <tr>
        <th scope="col">When</th>
        <th scope="col">Action</th>
        <th scope="col">What</th>
        <th scope="col">Who</th>
        <th scope="col">Message</th>
      </tr>
    </thead>
    <tbody>
      {entries.map((entry) => (
        <tr key={entry.sequence}>
          <td>{entry.at}</td>
          <td>{entry.action}</td>
          <td>
            <WhatHappened entry={entry} />
          </td>
          <td>{who(entry)}</td>
          <td>{entry.message}</td>
        </tr>
      ))}
    </tbody>
  </table>
);
