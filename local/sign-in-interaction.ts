import type { IncomingMessage, ServerResponse } from "node:http";
import { LOCAL_USERS, signIn } from "./local-users.js";
import type { OidcInteraction, OidcProvider } from "./oidc-provider-api.js";
import { messagePage, signInPage } from "./sign-in-page.js";

/** Where the provider sends a browser to sign in: this path, then the interaction's id. */
export const INTERACTION_PATH = "/interaction/";

/** More than a user name and a password ever need. */
const MAX_FORM_LENGTH = 8 * 1024;

const sendPage = (response: ServerResponse, status: number, html: string): void => {
  if (response.headersSent) return void response.end();
  response.writeHead(status, { "content-type": "text/html; charset=utf-8" });
  response.end(html);
};

const formAction = (interaction: OidcInteraction): string =>
  `${INTERACTION_PATH}${interaction.uid}`;

const readForm = async (request: IncomingMessage): Promise<URLSearchParams> => {
  request.setEncoding("utf8");
  let text = "";
  for await (const chunk of request) {
    text += chunk;
    if (text.length > MAX_FORM_LENGTH) throw new Error("the sign-in form is too large");
  }
  return new URLSearchParams(text);
};

/** The interaction the request's cookie names, when it is the one its path names. */
const interactionOf = async (
  provider: OidcProvider,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<OidcInteraction | undefined> => {
  const details = await provider.interactionDetails(request, response).catch(() => undefined);
  const uid = new URL(request.url ?? "/", "http://127.0.0.1").pathname.slice(
    INTERACTION_PATH.length,
  );
  return details?.uid === uid ? details : undefined;
};

const EXPIRED =
  "This sign-in has expired or is already done. Go back to the studio and sign in again.";

const submit = async (
  provider: OidcProvider,
  interaction: OidcInteraction,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> => {
  const form = await readForm(request);
  const username = form.get("username") ?? "";
  const user = signIn(username, form.get("password") ?? "");
  if (!user) {
    const page = signInPage({
      action: formAction(interaction),
      users: LOCAL_USERS,
      username,
      refused: true,
    });
    return sendPage(response, 200, page);
  }
  await provider.interactionFinished(
    request,
    response,
    { login: { accountId: user.username } },
    { mergeWithLastSubmission: false },
  );
};

const answer = async (
  provider: OidcProvider,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> => {
  const interaction = await interactionOf(provider, request, response);
  if (!interaction) return sendPage(response, 400, messagePage("Sign-in expired", EXPIRED));
  // The studio's grant is given without asking (identity-provider.ts): signing in is all there is.
  if (interaction.prompt.name !== "login") {
    const page = messagePage(
      "Sign-in",
      `This local sign-in does not ask for ${interaction.prompt.name}.`,
    );
    return sendPage(response, 400, page);
  }
  if (request.method === "POST") return submit(provider, interaction, request, response);
  if (request.method !== "GET") {
    response.setHeader("allow", "GET, POST");
    return sendPage(response, 405, messagePage("Sign-in", "Open this page, or post its form."));
  }
  sendPage(response, 200, signInPage({ action: formAction(interaction), users: LOCAL_USERS }));
};

/** Shows the sign-in form and checks what it is sent, for the interaction the browser is in. */
export const answerInteraction = (
  provider: OidcProvider,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> =>
  answer(provider, request, response).catch((error: unknown) =>
    sendPage(
      response,
      500,
      messagePage(
        "The local sign-in failed",
        error instanceof Error ? error.message : String(error),
      ),
    ),
  );
