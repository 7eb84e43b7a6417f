/** A JSON value: what canonical() makes of anything. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** JSON with sorted keys and no undefined members: the same content always gives the same text. */
export const canonical = (value: unknown): Json => {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, member]) => member !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([key, member]) => [key, canonical(member)]),
    );
  }
  return value as Json;
};
