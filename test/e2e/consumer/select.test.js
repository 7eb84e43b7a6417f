import { createCodeRulesClient } from "code-rules/client";
import { startLocalServer } from "code-rules/testing";
import { expect, it } from "vitest";

it("selects through code-rules/client against the real handler", async () => {
  const server = await startLocalServer();
  const client = createCodeRulesClient({ baseUrl: server.url });
  const body = {
    procedure: "ecmo-cannula-insertion-percutaneous",
    dateOfBirth: "2020-11-25",
    dateOfService: "2026-11-24",
  };
  expect(await client.select(body)).toMatchObject({ ok: true, value: { code: "33951" } });
  await server.stop();
}, 60_000);
