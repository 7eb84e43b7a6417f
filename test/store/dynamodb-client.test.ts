import { createServer, type Server } from "node:net";
import { ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDynamoClient } from "../../store/dynamodb-client.js";

// A store that accepts the connection and never answers: a paused DynamoDB Local, a stuck proxy.
let silent: Server;
let endpoint = "";

beforeAll(async () => {
  silent = createServer(() => undefined);
  await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
  endpoint = `http://127.0.0.1:${(silent.address() as { port: number }).port}`;
});

afterAll(() => {
  silent.close();
});

describe("the DynamoDB client", () => {
  it("gives up on a store that never answers with an error, instead of waiting on", async () => {
    const client = createDynamoClient({
      endpoint,
      timeoutMs: 200,
      maxAttempts: 1,
      region: "us-east-1",
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
    });
    await expect(client.send(new ListTablesCommand({}))).rejects.toMatchObject({
      name: "TimeoutError",
    });
  });
});
