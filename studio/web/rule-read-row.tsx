import type { Rule } from "../../core/rule-set.js";
import { type LimitKind, limitInWords } from "./limit-kinds.js";
import { agesInWords, dateInWords } from "./words.js";

/** A rule as the procedure view shows it when nothing is being edited, with the limits it has columns for. */
export const RuleReadRow = ({ rule, limits }: { rule: Rule; limits: readonly LimitKind[] }) => (
  <tr>
    <th scope="row">{rule.code}</th>
    <td>{agesInWords(rule.band)}</td>
    {limits.map((kind) => (
      <td key={kind}>{limitInWords(rule, kind) ?? "any"}</td>
    ))}
    <td>{dateInWords(rule.effective.from)}</td>
    <td>{rule.effective.to ? dateInWords(rule.effective.to) : "no end"}</td>
    <td>{rule.text}</td>
    <td class="source">{rule.source}</td>
  </tr>
);
