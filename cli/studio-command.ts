import { utcDateOf } from "../core/calendar-date.js";
import { startStudio } from "../studio/server.js";
import { callerIdentity } from "./caller-identity.js";
import { type Context, type Output, store } from "./command-context.js";

/**
 * Starts the studio on 127.0.0.1 and says where: the URL carries this launch's secret. It acts
 * with the caller's own credentials, looked up once here so bad ones fail before the page opens.
 */
export const studio = async (context: Context, { port }: { port?: number }): Promise<Output> => {
  const actor = await callerIdentity(undefined, context.env);
  const started = await startStudio({
    store: store(context),
    port,
    acting: { actor, actorNote: context.actorNote, today: () => utcDateOf(new Date()) },
  });
  return {
    human: `code-rules studio for table ${context.table}, acting as ${actor}:
  ${started.url}
Open it in your browser (it opens nothing itself); the address is the key, share it with no one.
Ctrl-C stops the studio.`,
    json: { url: started.url, table: context.table, actor },
  };
};
