/** An identity as the credentials gave it, with what the admin wrote about themselves beside it. */
export const who = ({ actor, actorNote }: { actor: string; actorNote?: string | undefined }) =>
  actorNote ? `${actor} (${actorNote})` : actor;
