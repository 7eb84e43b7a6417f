import { gestationKey, gestationLabels } from "./gestation.js";
import { groupBy } from "./group-by.js";
import type { Answer, GestationAnswer } from "./impact.js";
import { limitsPayer, payerKey, payerLabel } from "./payer.js";
import {
  gramRange,
  inGramRange,
  limitsWeight,
  weightKey,
  weightLabel,
  weightRangeLabel,
  weightsToTry,
} from "./weight.js";

/*
 * Where rules split a band by a limit besides age (gestational age, present weight, payer), the
 * impact answers the band as a whole; these say which of its limited answers changed, so that a
 * change to one payer's code or one weight band is described as that, not as the whole band.
 */

/** An answer's limits, each as a key: what makes two entries the same limited answer. */
export const limitsKey = (entry: GestationAnswer): string =>
  `${gestationKey(entry)} ${weightKey(entry)} ${payerKey(entry)}`;

/** Whether any entry of either answer is limited by weight or payer. */
export const limitsBesidesGestation = (...answers: readonly (Answer | null)[]): boolean =>
  answers.some((answer) =>
    (answer?.byGestation ?? []).some((entry) => limitsWeight(entry) || limitsPayer(entry)),
  );

const labelOf = (entry: GestationAnswer, weight?: string): string =>
  [...gestationLabels(entry), weight ?? weightLabel(entry), payerLabel(entry)]
    .filter((label) => label !== undefined)
    .join(", ") || "every patient";

const changeOf = (old: GestationAnswer | undefined, now: GestationAnswer | undefined) => {
  if (!old && !now) return undefined;
  if (old && now && old.code === now.code)
    return old.text === now.text ? undefined : "text changed";
  return `${old?.code ?? "no rule"} → ${now?.code ?? "no rule"}`;
};

/** The weights from `grams` up to `below` as people say them: "1,500 through 1,599 g". */
const stretchLabel = (grams: number, below: number | undefined): string =>
  `weighing ${weightRangeLabel({
    weightGrams: {
      lower: { value: grams, inclusive: true },
      upper: below === undefined ? undefined : { value: below, inclusive: false },
    },
  })}`;

/**
 * The changes among entries with the same limits but weight: by stretch of weight where either
 * answer is split by it (a moved weight edge is said where the code changes), else as one.
 */
const changesOfGroup = (
  olds: readonly GestationAnswer[],
  news: readonly GestationAnswer[],
): string[] => {
  const entries = [...news, ...olds];
  if (!entries.some(limitsWeight)) {
    const change = changeOf(olds[0], news[0]);
    return change ? [`${labelOf(entries[0] as GestationAnswer)}: ${change}`] : [];
  }
  const tried = weightsToTry(entries.map((entry) => gramRange(entry.weightGrams)));
  const holding = (held: readonly GestationAnswer[], grams: number) =>
    held.find((entry) => inGramRange(gramRange(entry.weightGrams), grams));
  const changes: { from: number; below?: number; change: string; entry: GestationAnswer }[] = [];
  tried.forEach((grams, index) => {
    const [old, now] = [holding(olds, grams), holding(news, grams)];
    const change = changeOf(old, now);
    const below = tried[index + 1];
    const previous = changes.at(-1);
    if (!change) return;
    if (previous && previous.below === grams && previous.change === change) previous.below = below;
    else changes.push({ from: grams, below, change, entry: (now ?? old) as GestationAnswer });
  });
  return changes.map(
    ({ from, below, change, entry }) => `${labelOf(entry, stretchLabel(from, below))}: ${change}`,
  );
};

/**
 * "weighing 1,500 through 1,599 g: 99479 → 99478; for medicare: G0500 → G0501": each limited
 * answer that changed, by its limits.
 */
export const describeLimitedChanges = (before: Answer | null, after: Answer | null): string => {
  const rest = (entry: GestationAnswer) => `${gestationKey(entry)} ${payerKey(entry)}`;
  const [was, is] = [before, after].map((answer) => groupBy(answer?.byGestation ?? [], rest)) as [
    Map<string, GestationAnswer[]>,
    Map<string, GestationAnswer[]>,
  ];
  const keys = [...new Set([...is.keys(), ...was.keys()])];
  return keys.flatMap((key) => changesOfGroup(was.get(key) ?? [], is.get(key) ?? [])).join("; ");
};
