import { useState } from "preact/hooks";
import { AGE_UNITS, type AgeUnit } from "../../core/age.js";
import type { RuleSet } from "../../core/rule-set.js";
import { select } from "../../core/select.js";
import { todayUtc } from "./today.js";

export interface Candidate {
  readonly name: string;
  readonly ruleSet: RuleSet;
}

const value = (event: Event): string => (event.currentTarget as HTMLInputElement).value;

/** Asks a rule set (the draft or any version) for a code, with the same selection the API runs. */
export const TryPanel = ({ candidates }: { candidates: readonly Candidate[] }) => {
  const [chosen, setChosen] = useState(0);
  const [procedure, setProcedure] = useState("");
  const [by, setBy] = useState<"birth" | "age">("birth");
  const [dateOfBirth, setDateOfBirth] = useState("");
  const [age, setAge] = useState("");
  const [unit, setUnit] = useState<AgeUnit>("years");
  const [dateOfService, setDateOfService] = useState(todayUtc());
  const [answer, setAnswer] = useState<string[]>([]);
  const candidate = candidates[Math.min(chosen, candidates.length - 1)];
  if (!candidate) return null;
  const procedures = candidate.ruleSet.procedures;
  const asked = procedure || procedures[0]?.key || "";
  const run = (event: Event) => {
    event.preventDefault();
    const result = select(
      candidate.ruleSet,
      by === "birth"
        ? { procedure: asked, dateOfService, dateOfBirth }
        : { procedure: asked, dateOfService, age: { value: Number(age), unit } },
    );
    setAnswer(
      result.ok
        ? [`${result.value.code}: ${result.value.text}`, result.value.explanation]
        : [`No code: ${result.error.message}`],
    );
  };
  return (
    <section aria-labelledby="try-heading">
      <h2 id="try-heading">Try a selection</h2>
      <form class="try" onSubmit={run}>
        <label for="try-set">Rules to ask</label>
        <select id="try-set" value={String(chosen)} onChange={(e) => setChosen(Number(value(e)))}>
          {candidates.map((c, index) => (
            <option key={c.name} value={String(index)}>
              {c.name}
            </option>
          ))}
        </select>
        <label for="try-procedure">Procedure</label>
        <select id="try-procedure" value={asked} onChange={(e) => setProcedure(value(e))}>
          {procedures.map((p) => (
            <option key={p.key} value={p.key}>
              {p.key}
            </option>
          ))}
        </select>
        <fieldset>
          <legend>The patient's age, given by</legend>
          <input
            id="try-by-birth"
            type="radio"
            name="try-by"
            checked={by === "birth"}
            onChange={() => setBy("birth")}
          />
          <label for="try-by-birth">date of birth</label>
          <input
            id="try-by-age"
            type="radio"
            name="try-by"
            checked={by === "age"}
            onChange={() => setBy("age")}
          />
          <label for="try-by-age">age</label>
        </fieldset>
        {by === "birth" ? (
          <>
            <label for="try-birth">Date of birth (YYYY-MM-DD)</label>
            <input id="try-birth" value={dateOfBirth} onInput={(e) => setDateOfBirth(value(e))} />
          </>
        ) : (
          <>
            <label for="try-age">Age</label>
            <input
              id="try-age"
              type="number"
              min="0"
              value={age}
              onInput={(e) => setAge(value(e))}
            />
            <label for="try-unit">Age unit</label>
            <select id="try-unit" value={unit} onChange={(e) => setUnit(value(e) as AgeUnit)}>
              {AGE_UNITS.map((u) => (
                <option key={u} value={u}>
                  {u}
                </option>
              ))}
            </select>
          </>
        )}
        <label for="try-service">Date of service (YYYY-MM-DD)</label>
        <input id="try-service" value={dateOfService} onInput={(e) => setDateOfService(value(e))} />
        <button type="submit">Try</button>
      </form>
      <output class="answer" aria-live="polite" for="try-set try-procedure try-service">
        {answer.map((line) => (
          <p key={line}>{line}</p>
        ))}
      </output>
    </section>
  );
};
