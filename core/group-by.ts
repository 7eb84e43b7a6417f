/**
 * The items grouped by key, the groups and their items in the order first seen: `Map.groupBy`,
 * which the ES2023 library this project builds against does not declare yet.
 */
export const groupBy = <T, K>(items: Iterable<T>, keyOf: (item: T) => K): Map<K, T[]> => {
  const grouped = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = grouped.get(key);
    if (group) group.push(item);
    else grouped.set(key, [item]);
  }
  return grouped;
};
