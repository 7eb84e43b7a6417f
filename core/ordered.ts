/** Lists up to this long are put in order by insertion: its comparisons grow as the square of the length, and past a few dozen items a sort's workspace costs less than they do. */
const SHORT = 16;

/**
 * The items in order, as a sort orders them (equal items keep their order): the list itself where
 * it is in order already, else a copy, sorted by insertion where it is short. Array.prototype.sort
 * allocates about 900 bytes of workspace even for two items, and a version at the limits puts
 * thousands of short lists in order as it loads.
 */
export const ordered = <T>(items: readonly T[], compare: (a: T, b: T) => number): readonly T[] => {
  let index = 1;
  while (index < items.length && compare(items[index - 1] as T, items[index] as T) <= 0) index += 1;
  if (index >= items.length) return items;
  if (items.length > SHORT) return [...items].sort(compare);
  const copy = [...items];
  for (; index < copy.length; index += 1) {
    const item = copy[index] as T;
    let before = index - 1;
    for (; before >= 0 && compare(copy[before] as T, item) > 0; before -= 1)
      copy[before + 1] = copy[before] as T;
    copy[before + 1] = item;
  }
  return copy;
};
