import type { DecidingInput, SelectionRequest } from "../../core/select.js";
import { formatGrams } from "../../core/weight.js";
import { howAnswersDiffer, neededInputs, type TryAnswer } from "./try-request.js";
import { dateInWords } from "./words.js";

/** Where the try panel asks for each input an ambiguity names, for the person to give it. */
const GIVE: Readonly<Record<DecidingInput, string>> = {
  age: "the date of birth",
  gestationalAgeAtBirth: "the gestational age at birth",
  weightGrams: "the weight",
  payer: "the payer",
};

/** The patient the answers are for, as tried: "born 1 March 2021, seen 24 November 2026, …". */
export const patientInWords = (request: SelectionRequest): string =>
  [
    request.dateOfBirth && `born ${dateInWords(request.dateOfBirth)}`,
    `seen ${dateInWords(request.dateOfService)}`,
    request.gestationalAgeAtBirth &&
      `born at ${request.gestationalAgeAtBirth.weeks}+${request.gestationalAgeAtBirth.days} weeks`,
    request.weightGrams !== undefined && `weighing ${formatGrams(request.weightGrams)}`,
    request.payer && `payer ${request.payer}`,
  ]
    .filter(Boolean)
    .join(", ");

const DIFFERENCE: Readonly<Record<ReturnType<typeof howAnswersDiffer>, string>> = {
  same: "Your working copy answers this patient as the version in use does.",
  text: "Your working copy gives this patient the same code as the version in use, with another text.",
  answer: "Your working copy answers this patient otherwise than the version in use.",
};

/**
 * One rule set's answer, as the core gave it: the code, its text and why; or the refusal in the
 * API's own words, with the inputs it names as deciding.
 */
const AnswerCard = ({ heading, answer }: { heading: string; answer: TryAnswer }) => {
  const needed = neededInputs(answer);
  return (
    <div class="try-answer">
      <h4>{heading}</h4>
      {answer.kind === "selected" && (
        <>
          <p class="try-code">{answer.selection.code}</p>
          <p>{answer.selection.text}</p>
          <p>
            <strong>Why:</strong> {answer.selection.explanation}
          </p>
        </>
      )}
      {answer.kind === "refused" && (
        <>
          <p class="try-code">No code</p>
          <p>
            The API refuses the request (<code>{answer.refusal.kind}</code>), saying:
          </p>
          <blockquote>{answer.refusal.message}</blockquote>
          {needed.length > 0 && (
            <p>
              It needs{" "}
              {needed.map((input, index) => (
                <span key={input}>
                  {index > 0 && " and "}
                  <code>{input}</code>
                </span>
              ))}
              : give {needed.map((input) => GIVE[input]).join(" and ")} above, and try again.
            </p>
          )}
        </>
      )}
      {answer.kind === "unanswered" && <p>{answer.why}</p>}
    </div>
  );
};

/**
 * What the working copy answers for the patient tried, beside what the version in use answers,
 * and whether they differ. With no working copy, the version in use's answer alone.
 */
export const TryAnswers = ({
  request,
  copy,
  active,
  activeHeading,
}: {
  request: SelectionRequest;
  copy: TryAnswer | undefined;
  active: TryAnswer;
  activeHeading: string;
}) => (
  <>
    <p>For a patient {patientInWords(request)}:</p>
    <div class="try-answers">
      {copy && <AnswerCard heading="Your working copy" answer={copy} />}
      <AnswerCard heading={activeHeading} answer={active} />
    </div>
    {copy && (
      <p class={howAnswersDiffer(copy, active) === "same" ? undefined : "warning"}>
        {DIFFERENCE[howAnswersDiffer(copy, active)]}
      </p>
    )}
  </>
);
