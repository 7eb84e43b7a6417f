import { plainTextProblem } from "./plain-text.js";

/**
 * The longest each note an admin writes about a change may be. Notes are read in the audit trail,
 * the CLI and the studio, so they are bounded like every other string an admin supplies.
 */
export const MAX_NOTE_LENGTH = {
  message: 500,
  reason: 500,
  actorNote: 200,
  title: 120,
  description: 2000,
  comment: 2000,
} as const;

export type NoteField = keyof typeof MAX_NOTE_LENGTH;

/**
 * What an admin wrote about a change: why the version exists or the pointer moves (`message`), why
 * a version is revoked or a request rejected (`reason`), who they say they are beside their
 * credentials (`actorNote`), and a change request's title, description and comments.
 */
export type ChangeNotes = { readonly [field in NoteField]?: string | undefined };

/** Each note as the admin knows it: a CLI option or the studio's box. */
const NOTE_NAMES: Readonly<Record<NoteField, string>> = {
  message: "the message",
  reason: "the reason",
  actorNote: "the actor note",
  title: "the title",
  description: "the description",
  comment: "the comment",
};

/** The first note that cannot go into the audit trail, and why: too long, or not plain text. */
export const changeNoteProblem = (
  notes: ChangeNotes,
): { readonly field: NoteField; readonly message: string } | undefined => {
  for (const field of Object.keys(MAX_NOTE_LENGTH) as NoteField[]) {
    const value = notes[field];
    if (value === undefined) continue;
    const name = NOTE_NAMES[field];
    const max = MAX_NOTE_LENGTH[field];
    if (value.length > max)
      return { field, message: `${name} is ${value.length} characters long; at most ${max}` };
    const problem = plainTextProblem(value);
    if (problem) return { field, message: `${name} ${problem}` };
  }
  return undefined;
};
