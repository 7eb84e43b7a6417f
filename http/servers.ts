/** The port `npm start` serves on unless PORT says otherwise. */
export const LOCAL_PORT = 3000;

/** The local server as the committed document names it: on its default port. */
export const LOCAL_SERVER_URL = `http://127.0.0.1:${LOCAL_PORT}`;

/**
 * Where the API runs: `npm start`, and a deployed stack (its ApiUrl output). Server descriptions
 * are shown as plain text, not Markdown, so they carry no code spans.
 */
export const SERVERS = [
  { url: LOCAL_SERVER_URL, description: "npm start on this machine" },
  {
    url: "https://{apiId}.execute-api.{region}.amazonaws.com",
    description: "A deployed stack: the ApiUrl output of npx cdk deploy",
    variables: {
      apiId: { default: "abc123defg", description: "The HTTP API's id" },
      region: { default: "eu-west-1", description: "The stack's AWS Region" },
    },
  },
] as const;

/**
 * The document, or the reference page built from it, as a local server at `origin` serves it: the
 * page's requests then go to the server that sent it, whatever port it listens on.
 */
export const namingLocalServer = (text: string, origin: string): string =>
  text.replaceAll(LOCAL_SERVER_URL, origin);
