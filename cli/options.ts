import { type Command, InvalidArgumentError, Option } from "commander";
import type { DoorAuthority } from "../admin/change.js";
import { ALONE } from "../admin/change-policy.js";
import { parseIsoDate } from "../core/calendar-date.js";
import { MAX_NOTE_LENGTH, type NoteField } from "../core/change-notes.js";
import { CliError } from "./cli-error.js";

/* The options and argument parsers more than one command shares. */

export const wholeNumber = (value: string): number => {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError("must be a whole number");
  return Number(value);
};

const isoDate = (value: string): string => {
  const parsed = parseIsoDate(value, "the date");
  if (!parsed.ok) throw new InvalidArgumentError(parsed.error.message);
  return value;
};

/** What the store accepts in a note about a change (core/change-notes.ts). */
export const plainUpTo = (field: NoteField) =>
  `plain text, at most ${MAX_NOTE_LENGTH[field]} characters`;

/** Leave to change answers for dates of service already past: a request asks it, break glass takes it. */
export const allowPastChangesOption = (verb: string) =>
  new Option(
    "--allow-past-changes",
    `${verb} answers for dates of service before today (the audit entry says so)`,
  );

/** Leave to take procedures or codes away from what the active version answers. */
export const allowRemovalsOption = (verb: string) =>
  new Option(
    "--allow-removals",
    `${verb} take away procedures or codes of the active version (or every rule)`,
  );

export const asOfOption = () =>
  new Option(
    "--as-of <date>",
    "count dates of service before this date (YYYY-MM-DD) as past (default: today, UTC)",
  ).argParser(isoDate);

/** A move without a second person: marked in the audit, and it raises the break-glass alarm. */
export const breakGlassOption = () =>
  new Option(
    "--break-glass",
    "move without a change request's approval, for an incident: the audit entry says so and the BreakGlassMoves alarm goes off",
  );

export const breakGlassReasonOption = () =>
  new Option("--reason <text>", `why glass is broken (with --break-glass); ${plainUpTo("reason")}`);

/**
 * The options of a move one admin makes without a change request (publish, rollback): the leave
 * it takes, and break glass, without which that leave counts for nothing.
 */
export const addLeaveOptions = (command: Command): Command =>
  command
    .addOption(allowPastChangesOption("with --break-glass, change"))
    .addOption(allowRemovalsOption("with --break-glass,"))
    .addOption(breakGlassOption())
    .addOption(breakGlassReasonOption());

/** What `--break-glass` and `--reason` ask: a move or a setting without a second person. */
export interface BreakGlassOptions {
  readonly breakGlass?: boolean;
  readonly reason?: string;
}

/** Who stands behind what is asked: the admin alone, or break glass with its reason. */
export const authorityOf = ({ breakGlass, reason }: BreakGlassOptions): DoorAuthority => {
  if (!breakGlass && reason !== undefined)
    throw new CliError("--reason goes with --break-glass; nothing was written");
  return breakGlass ? { kind: "break-glass", reason: reason ?? "" } : ALONE;
};
