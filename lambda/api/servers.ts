/** The port `npm start` serves on unless PORT says otherwise. */
export const LOCAL_PORT = 3000;

/** Where the API runs: `npm start`, and a deployed stack (its ApiUrl output). */
export const SERVERS = [
  { url: `http://127.0.0.1:${LOCAL_PORT}`, description: "`npm start` on this machine" },
  {
    url: "https://{apiId}.execute-api.{region}.amazonaws.com",
    description: "A deployed stack: the ApiUrl output of `npx cdk deploy`",
    variables: {
      apiId: { default: "abc123defg", description: "The HTTP API's id" },
      region: { default: "eu-west-1", description: "The stack's AWS Region" },
    },
  },
] as const;
