import { useEffect, useMemo, useState } from "preact/hooks";
import type { SelectionRequest } from "../../core/select.js";
import { ProblemField } from "./cell-field.js";
import { useStudio } from "./studio-context.js";
import { todayUtc } from "./today.js";
import { TryAnswers } from "./try-answers.js";
import {
  NO_INPUTS,
  type TryField,
  type TryInputs,
  type TryProblem,
  tryAnswer,
  tryNeeds,
  tryRequest,
} from "./try-request.js";
import type { WorkingCopyControl } from "./use-working-copy.js";

const TRY_HEADING_ID = "try-heading";
const fieldId = (field: TryField): string => `try-${field}`;

/**
 * Trying a procedure's rules on one patient, in this page: a date of birth and of service, and
 * only where its rules need them the gestational age at birth, the weight and the payer. The core
 * answers from the working copy and from the version in use, side by side, as the API would.
 *
 * A date of birth is health information: what is typed lives in this panel's state only, never in
 * the address, the browser's storage, a log or a request to the server, and the browser is asked
 * not to remember it for autofill.
 */
export const TryPanel = ({
  procedure,
  working,
}: {
  procedure: string;
  working: WorkingCopyControl;
}) => {
  const { active, activeRules } = useStudio();
  const [inputs, setInputs] = useState<TryInputs>(() => ({
    ...NO_INPUTS,
    dateOfService: todayUtc(),
  }));
  const [problems, setProblems] = useState<readonly TryProblem[]>([]);
  const [tried, setTried] = useState<SelectionRequest | undefined>();
  // Another procedure's rules ask other things: what was tried, and its problems, were this one's.
  useEffect(() => {
    setTried(undefined);
    setProblems([]);
  }, [procedure]);
  const copy = working.copy?.content;
  const needs = useMemo(
    () => tryNeeds(procedure, ...(copy ? [copy] : []), ...(active ? [active.content] : [])),
    [procedure, copy, active],
  );
  const problemCount = working.problems.length;
  // Answered again as the rules are edited: the same patient, the copy as it stands now.
  const answers = useMemo(
    () =>
      tried && {
        copy:
          working.copy &&
          tryAnswer(
            working.validated,
            `Your working copy has ${problemCount === 1 ? "a problem" : `${problemCount} problems`} to fix first: until then it answers nothing.`,
            tried,
          ),
        active: tryAnswer(
          activeRules,
          active ? "The version in use fails its checks here." : "No version is in use.",
          tried,
        ),
      },
    [tried, working.copy === undefined, working.validated, problemCount, active, activeRules],
  );

  const set = (field: TryField) => (event: { currentTarget: { value: string } }) =>
    setInputs((now) => ({ ...now, [field]: event.currentTarget.value }));
  const at = (field: TryField) => problems.filter((problem) => problem.field === field);
  const box = (field: TryField, label: string, type: "date" | "number", hint?: string) => (
    <ProblemField id={fieldId(field)} label={label} hint={hint} problems={at(field)}>
      {(props) => (
        <input
          {...props}
          type={type}
          autocomplete="off"
          {...(type === "number" && { min: "0", step: "1", inputMode: "numeric" as const })}
          value={inputs[field]}
          onInput={set(field)}
        />
      )}
    </ProblemField>
  );

  const submit = (event: Event) => {
    event.preventDefault();
    const request = tryRequest(procedure, inputs, needs);
    setProblems(request.ok ? [] : request.error);
    setTried(request.ok ? request.value : undefined);
    const [first] = request.ok ? [] : request.error;
    if (first) document.getElementById(fieldId(first.field))?.focus();
  };

  return (
    <section class="try-panel" aria-labelledby={TRY_HEADING_ID}>
      <h3 id={TRY_HEADING_ID}>Try these rules on a patient</h3>
      <p class="hint">
        Only what this procedure's rules need is asked. What you type stays on this page: it is not
        saved, sent or put in the address.
      </p>
      <form class="try-fields" onSubmit={submit} autocomplete="off">
        {box("dateOfBirth", "Date of birth", "date")}
        {box("dateOfService", "Date of service", "date")}
        {needs.gestation && (
          <fieldset class="try-gestation">
            <legend>Gestational age at birth</legend>
            {box("gestationWeeks", "Weeks", "number")}
            {box("gestationDays", "Days", "number", "empty: 0")}
          </fieldset>
        )}
        {needs.weight && box("weightGrams", "Weight on the date of service, in grams", "number")}
        {needs.payers && (
          <ProblemField id={fieldId("payer")} label="Payer" problems={at("payer")}>
            {(props) => (
              <select {...props} value={inputs.payer} onChange={set("payer")}>
                <option value="">not given</option>
                {needs.payers?.map((payer) => (
                  <option key={payer} value={payer}>
                    {payer}
                  </option>
                ))}
              </select>
            )}
          </ProblemField>
        )}
        <div class="actions">
          <button type="submit" class="primary">
            Try
          </button>
        </div>
      </form>
      <div id="try-answers" role="status" aria-live="polite">
        {tried && answers && (
          <TryAnswers
            request={tried}
            copy={answers.copy}
            active={answers.active}
            activeHeading={`Version ${active?.meta.version ?? "none"}, in use`}
          />
        )}
      </div>
    </section>
  );
};
