/**
 * Today's date in UTC, YYYY-MM-DD: the date of service when a request gives only an age, and the
 * day from which dates of service are not yet past. The clock is read here, never in the core.
 */
export const todayUtc = (): string => new Date().toISOString().slice(0, 10);
