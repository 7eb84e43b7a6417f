import type { Rule } from "../../core/rule-set.js";
import { agesInWords, dateInWords } from "./words.js";

/** A rule as the procedure view shows it when nothing is being edited. */
export const RuleReadRow = ({ rule }: { rule: Rule }) => (
  <tr>
    <th scope="row">{rule.code}</th>
    <td>{agesInWords(rule.band)}</td>
    <td>{dateInWords(rule.effective.from)}</td>
    <td>{rule.effective.to ? dateInWords(rule.effective.to) : "no end"}</td>
    <td>{rule.text}</td>
    <td class="source">{rule.source}</td>
  </tr>
);
