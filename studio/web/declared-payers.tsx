import { useEffect, useState } from "preact/hooks";
import type { Procedure } from "../../core/rule-set.js";
import { ProblemField } from "./cell-field.js";
import { declaredPayersId, problemsOfProcedure } from "./cell-problems.js";
import { payerList, setDeclaredPayers } from "./limit-edits.js";
import { useStudio } from "./studio-context.js";
import type { WorkingCopyControl } from "./use-working-copy.js";

const LABEL = "Payer programs its rules tell apart";

/**
 * The payer programs a procedure declares, which its rules' payer limits pick from, typed as one
 * list. What was typed is kept as typed (its commas and spaces) while the rules take the names in
 * it; a change made elsewhere (a rebase, a discard) replaces it.
 */
const DeclaredPayersField = ({
  procedure,
  working,
}: {
  procedure: Procedure;
  working: WorkingCopyControl;
}) => {
  const { shown } = useStudio();
  const declared = (procedure.payers ?? []).join(" ");
  const [typed, setTyped] = useState((procedure.payers ?? []).join(", "));
  useEffect(() => {
    if (payerList(typed).join(" ") !== declared) setTyped((procedure.payers ?? []).join(", "));
  }, [declared]);
  return (
    <ProblemField
      id={declaredPayersId(procedure.key)}
      label={LABEL}
      hint="lower-case names between commas, such as commercial, medicaid, medicare, other. A rule limited to payers picks from these; left empty, the rules tell no payers apart."
      problems={problemsOfProcedure(working.problems, shown, procedure.key, "declared-payers")}
    >
      {(props) => (
        <input
          {...props}
          value={typed}
          onInput={(event) => {
            const text = event.currentTarget.value;
            setTyped(text);
            working.edit((content) => setDeclaredPayers(content, procedure.key, payerList(text)));
          }}
        />
      )}
    </ProblemField>
  );
};

/**
 * The payer programs a procedure declares, if any, or while its rules get a payer limit: typed
 * while they are edited, else said.
 */
export const DeclaredPayers = ({
  procedure,
  limitsPayers,
  working,
}: {
  procedure: Procedure;
  /** Whether its table has a column for payers: the programs are asked for there. */
  limitsPayers: boolean;
  working: WorkingCopyControl;
}) => {
  const declared = procedure.payers ?? [];
  if (working.copy && (limitsPayers || declared.length > 0))
    return <DeclaredPayersField procedure={procedure} working={working} />;
  return declared.length > 0 ? (
    <p>
      {LABEL}: {declared.join(", ")}
    </p>
  ) : null;
};
