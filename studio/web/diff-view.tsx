import type { DiffLine } from "./diff-words.js";
import { TableScroll } from "./table-scroll.js";

const KIND_WORDS: Readonly<Record<DiffLine["kind"], string>> = {
  added: "Added",
  removed: "Removed",
  changed: "Changed",
};

/** What one field became: "ages: birth through 5 years → birth through 11 years". */
const FieldChange = ({ field }: { field: DiffLine["fields"][number] }) => (
  <li>
    {field.name}:{" "}
    {field.before === "" ? (
      field.after
    ) : (
      <>
        <del>{field.before}</del> → <ins>{field.after}</ins>
      </>
    )}
  </li>
);

/**
 * The rules and procedures a change adds, removes and changes, each change said field by field.
 * `caption` says between what: "From version 1 (in use) to this request".
 */
export const DiffView = ({ lines, caption }: { lines: readonly DiffLine[]; caption: string }) => {
  if (lines.length === 0) return <p>{caption}: nothing differs.</p>;
  return (
    <TableScroll labelledBy="diff-caption">
      <table class="diff">
        <caption id="diff-caption">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Change</th>
            <th scope="col">Procedure</th>
            <th scope="col">Rule</th>
            <th scope="col">What changes</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((line) => (
            <tr key={`${line.kind}${line.procedure}${line.rule}`} class={`diff-${line.kind}`}>
              <th scope="row">{KIND_WORDS[line.kind]}</th>
              <td>{line.procedure}</td>
              <td>{line.rule || "the procedure itself"}</td>
              <td>
                {line.fields.length > 0 && (
                  <ul class="fields">
                    {line.fields.map((field) => (
                      <FieldChange key={field.name} field={field} />
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
};
