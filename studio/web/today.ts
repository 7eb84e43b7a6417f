import { utcDateOf } from "../../core/calendar-date.js";

/** Today in UTC on this browser's clock: the day from which dates of service are not yet past. */
export const todayUtc = (): string => utcDateOf(new Date());
