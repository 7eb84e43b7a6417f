import type { AuditEntry } from "../../store/table-items.js";

/**
 * What each actor is called, from the audit trail: the name each step was signed with, the newest
 * first. The page shows people by name; the trail and the change policy know them by identity.
 */
export const peopleIn = (entries: readonly AuditEntry[]): Record<string, string> => {
  const people: Record<string, string> = {};
  for (const { actor, actorNote } of entries) if (actorNote) people[actor] ??= actorNote;
  return people;
};
