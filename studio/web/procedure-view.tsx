import { useMemo, useState } from "preact/hooks";
import type { Rule } from "../../core/rule-set.js";
import { ActionMessage } from "./action-message.js";
import { problemsOfProcedure, procedureProblemsId } from "./cell-problems.js";
import { savingState } from "./change-bar.js";
import { useConfirm } from "./confirm-dialog.js";
import { procedureName } from "./content.js";
import { DeclaredPayers } from "./declared-payers.js";
import { AddLimitColumns, useLimitColumns } from "./limit-columns.js";
import { limitHeader } from "./limit-kinds.js";
import { NewRulesFrom } from "./new-rules-from.js";
import { ProcedurePicture } from "./picture.js";
import { ruleProblemInWords } from "./problem-words.js";
import { RuleEditRow, ruleLabel } from "./rule-edit-row.js";
import { removeRule } from "./rule-edits.js";
import { RuleReadRow } from "./rule-read-row.js";
import type { Said } from "./said.js";
import { useStudio } from "./studio-context.js";
import { TableScroll } from "./table-scroll.js";
import { TryPanel } from "./try-panel.js";
import type { WorkingCopyControl } from "./use-working-copy.js";

export const PROCEDURE_HEADING_ID = "procedure-heading";

const AFTER_LIMITS = ["Effective from", "Effective to", "Text", "Source"];

/**
 * One procedure: its bands as a picture, and its rules, which are edited here, cell by cell, while
 * there is a working copy (or, with none, a change proposed from here), with a column for each
 * limit besides the ages they have. Each problem is shown at its cell as it is typed; removing a
 * rule asks first, and is said where the row was. Below, its rules are tried on a patient.
 */
export const ProcedureView = ({
  procedure,
  working,
  onPropose,
}: {
  procedure: string;
  working: WorkingCopyControl;
  /** Starts a working copy from here; absent while there is one, or one to resume. */
  onPropose: (() => void) | undefined;
}) => {
  const { shown, words } = useStudio();
  const [dialog, confirm] = useConfirm();
  const [said, say] = useState<Said | undefined>();
  const remove = async (rule: Rule) => {
    const label = ruleLabel(rule);
    const yes = await confirm({
      title: `Remove ${label} from your working copy?`,
      detail: (
        <p>
          Its ages and dates are then answered by no rule unless another covers them. Discarding the
          working copy is the only way to get it back.
        </p>
      ),
      go: "Remove it",
    });
    if (!yes) return;
    working.edit((content) => removeRule(content, rule.id));
    say({ kind: "done", text: `${label} is removed from your working copy.` });
  };
  const found = shown.procedures.find((candidate) => candidate.key === procedure);
  // In the rule set's own order: rows that moved as a date is typed would lose the cursor.
  const rules = useMemo(
    () => shown.rules.filter((rule) => rule.procedure === procedure),
    [shown, procedure],
  );
  const own = problemsOfProcedure(working.problems, shown, procedure);
  const editing = working.copy !== undefined;
  const columns = useLimitColumns(
    procedure,
    rules,
    editing ? { content: shown, problems: working.problems } : undefined,
  );
  const headers = ["Code", "Ages", ...columns.shown.map(limitHeader), ...AFTER_LIMITS];
  const name = procedureName(shown, procedure);
  if (!found) return null;
  return (
    <section class="procedure-view" aria-labelledby={PROCEDURE_HEADING_ID}>
      <h2 id={PROCEDURE_HEADING_ID} tabIndex={-1}>
        {name}
      </h2>
      {found.notes && <p class="hint">{found.notes}</p>}
      {onPropose && (
        <button type="button" class="primary" onClick={onPropose}>
          Propose a change to these rules
        </button>
      )}
      <ProcedurePicture procedure={found} rules={shown.rules} place="shown" />
      {dialog}
      <div id={procedureProblemsId(procedure)} tabIndex={-1}>
        {own.length > 0 && (
          <ul class="problems">
            {own.map((problem) => (
              <li key={problem.message}>{ruleProblemInWords(problem, shown, words).message}</li>
            ))}
          </ul>
        )}
      </div>
      <DeclaredPayers
        procedure={found}
        limitsPayers={columns.shown.includes("payers")}
        working={working}
      />
      {editing && <NewRulesFrom procedure={procedure} working={working} />}
      <AddLimitColumns columns={columns} />
      <TableScroll labelledBy="procedure-rules-caption">
        <table class={editing ? "procedure-rules editing" : "procedure-rules"}>
          <caption id="procedure-rules-caption">
            {editing ? "Rules of this procedure, in your working copy" : "Rules of this procedure"}
          </caption>
          <thead>
            <tr>
              {headers.map((column) => (
                <th key={column} scope="col">
                  {column}
                </th>
              ))}
              {editing && (
                <th scope="col">
                  <span class="visually-hidden">Remove</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {rules.map((rule) =>
              editing ? (
                <RuleEditRow
                  key={rule.id}
                  rule={rule}
                  limits={columns.shown}
                  declaredPayers={found.payers ?? []}
                  working={working}
                  onRemove={(chosen) => void remove(chosen)}
                />
              ) : (
                <RuleReadRow key={rule.id} rule={rule} limits={columns.shown} />
              ),
            )}
          </tbody>
        </table>
      </TableScroll>
      {/* Said again where the rules are edited, far below the change bar that says it aloud. */}
      {editing && savingState(working, words) && (
        <p class="hint">{savingState(working, words)?.text}</p>
      )}
      <ActionMessage id="procedure-message" said={said} takesFocus="always" />
      <TryPanel procedure={procedure} working={working} />
    </section>
  );
};
