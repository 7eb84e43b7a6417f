import { createHash, createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { CodeRulesClientError, createCodeRulesClient } from "../../client/index.js";
import { inProcess, sent } from "./in-process.js";

const CREDENTIALS = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret-for-the-test" };
const DEPLOYED = "https://abc123defg.execute-api.eu-west-1.amazonaws.com/";

const born = { dateOfService: "2026-11-24", dateOfBirth: "2020-11-25" };

describe("code-rules/client", () => {
  const client = createCodeRulesClient({ baseUrl: "http://127.0.0.1:3000", fetch: inProcess });

  it("selects and checks, answers typed", async () => {
    const selected = await client.select({
      procedure: "ecmo-cannula-insertion-percutaneous",
      ...born,
    });
    expect(selected).toMatchObject({ ok: true, status: 200, value: { code: "33951" } });
    const checked = await client.check({ code: "33952", ...born });
    expect(checked.ok && checked.value).toMatchObject({ consistent: false, expected: ["33951"] });
  });

  it("surfaces a problem as a value with its type, not as a throw", async () => {
    const refused = await client.check({ code: "99999", ...born });
    expect(refused).toMatchObject({
      ok: false,
      status: 404,
      problem: { type: "urn:code-rules:problem:unknown-code", status: 404 },
    });
  });

  it("reads health, the active version and the procedures", async () => {
    expect(await client.health()).toMatchObject({ ok: true, value: { status: "ok" } });
    expect(await client.activeVersion()).toMatchObject({ ok: true, value: { version: 1 } });
    const procedures = await client.procedures();
    if (!procedures.ok) throw new Error("no procedures");
    expect(procedures.value.procedures.length).toBeGreaterThan(5);
  });
});

describe("SigV4 signing", () => {
  const signed = createCodeRulesClient({
    baseUrl: DEPLOYED,
    sign: { credentials: CREDENTIALS },
    fetch: inProcess,
  });

  it("signs for execute-api in the URL's Region, with a signature an independent check accepts", async () => {
    sent.length = 0;
    const answer = await signed.check({ code: "33952", ...born });
    expect(answer.ok).toBe(true);
    const [request] = sent;
    if (!request) throw new Error("nothing was sent");
    const authorization = request.headers.get("authorization") ?? "";
    expect(authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/execute-api\/aws4_request, SignedHeaders=[a-z0-9;-]*host[a-z0-9;-]*, Signature=[0-9a-f]{64}$/,
    );
    expect(authorization.split("Signature=")[1]).toBe(await expectedSignature(request));
  });

  it("refuses to guess a Region it cannot read from the URL", () => {
    const saved = process.env.AWS_REGION;
    delete process.env.AWS_REGION;
    try {
      const create = () =>
        createCodeRulesClient({
          baseUrl: "https://api.internal",
          sign: { credentials: CREDENTIALS },
        });
      expect(create).toThrow(/cannot tell the Region/);
      expect(create).toThrow(expect.objectContaining({ kind: "region" }));
      expect(create).toThrow(CodeRulesClientError);
    } finally {
      if (saved !== undefined) process.env.AWS_REGION = saved;
    }
  });
});

// SigV4 as AWS specifies it, written here from the specification rather than taken from the signer.
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const hmac = (key: Buffer | string, text: string) =>
  createHmac("sha256", key).update(text).digest();

const expectedSignature = async (request: Request): Promise<string> => {
  const url = new URL(request.url);
  const authorization = request.headers.get("authorization") ?? "";
  const [, date, region, service] =
    /Credential=[^/]+\/(\d{8})\/([^/]+)\/([^/]+)\//.exec(authorization) ?? [];
  const signedHeaders = /SignedHeaders=([^,]+)/.exec(authorization)?.[1]?.split(";") ?? [];
  const headerValue = (name: string) =>
    name === "host" ? url.host : request.headers.get(name)?.trim();
  const canonical = [
    request.method,
    url.pathname,
    url.searchParams.toString(),
    ...signedHeaders.map((name) => `${name}:${headerValue(name)}`),
    "",
    signedHeaders.join(";"),
    sha256(await request.text()),
  ].join("\n");
  const scope = `${date}/${region}/${service}/aws4_request`;
  const toSign = [
    "AWS4-HMAC-SHA256",
    request.headers.get("x-amz-date"),
    scope,
    sha256(canonical),
  ].join("\n");
  const key = [date ?? "", region ?? "", service ?? "", "aws4_request"].reduce<Buffer | string>(
    (k, part) => hmac(k, part),
    `AWS4${CREDENTIALS.secretAccessKey}`,
  );
  return createHmac("sha256", key).update(toSign).digest("hex");
};
