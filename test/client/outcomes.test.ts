import { describe, expect, expectTypeOf, it } from "vitest";
import {
  CodeRulesClientError,
  createCodeRulesClient,
  isProblem,
  type Problem,
  type SelectRequest,
} from "../../client/index.js";
import { inProcess } from "./in-process.js";

const client = createCodeRulesClient({ baseUrl: "http://127.0.0.1:3000", fetch: inProcess });
const ON_SERVICE = { dateOfService: "2026-11-24" };
const fourYearOld = {
  procedure: "ecmo-cannula-insertion-percutaneous",
  dateOfBirth: "2022-03-14",
  ...ON_SERVICE,
};
const herniaAtThreeMonths = {
  procedure: "inguinal-hernia-repair-initial-reducible",
  dateOfBirth: "2026-08-20",
  ...ON_SERVICE,
};

/** A client whose fetch answers every request with `response`, or fails as `response` does. */
const answering = (response: () => Promise<Response>) =>
  createCodeRulesClient({ baseUrl: "https://api.example", fetch: response });

describe("the client's outcomes narrow", () => {
  it("to the API's problem on `from`, whose type is then one of the contract's URNs", async () => {
    const answer = await client.select(herniaAtThreeMonths);
    if (answer.ok || answer.from !== "api") throw new Error(`expected a problem, got ${answer}`);
    expectTypeOf(answer.problem).toEqualTypeOf<Problem>();
    expect(answer.problem.type).toBe("urn:code-rules:problem:ambiguous-age");
    expect(answer.status).toBe(422);
  });

  it("to one kind of problem with isProblem, whatever the refusal's source", async () => {
    const answer = await client.select(herniaAtThreeMonths);
    if (answer.ok) throw new Error("expected a refusal");
    expect(isProblem(answer.problem)).toBe(true);
    expect(isProblem(answer.problem, "unknown-procedure")).toBe(false);
    if (!isProblem(answer.problem, "ambiguous-age")) throw new Error("expected ambiguous-age");
    expectTypeOf(answer.problem.type).toEqualTypeOf<"urn:code-rules:problem:ambiguous-age">();
    expect(answer.problem.decidingInputs).toEqual(["gestationalAgeAtBirth"]);
  });

  it("to API Gateway's own message, which is not a problem", async () => {
    const forbidden = answering(async () =>
      Response.json({ message: "Forbidden" }, { status: 403 }),
    );
    const answer = await forbidden.health();
    expect(answer).toEqual({
      ok: false,
      from: "gateway",
      status: 403,
      problem: { message: "Forbidden" },
    });
    expect(!answer.ok && isProblem(answer.problem)).toBe(false);
  });

  it("to a proxy's page as a message too, its text kept", async () => {
    const proxy = answering(
      async () => new Response("Bad Gateway: upstream reset", { status: 502 }),
    );
    expect(await proxy.health()).toMatchObject({
      from: "gateway",
      status: 502,
      problem: { message: "Bad Gateway: upstream reset" },
    });
  });

  it("a batch item on `status === 200` to its selection, else to its problem", async () => {
    const answer = await client.selectBatch({ items: [fourYearOld, herniaAtThreeMonths] });
    if (!answer.ok) throw new Error("expected the batch to be answered");
    const said = answer.value.results.map((result) =>
      result.status === 200 ? result.selection.code : result.problem.type,
    );
    expect(said).toEqual(["33951", "urn:code-rules:problem:ambiguous-age"]);
    const [, refused] = answer.value.results;
    if (refused && refused.status !== 200)
      expectTypeOf(refused.status).toEqualTypeOf<400 | 404 | 422 | 503>();
  });
});

describe("the client's request types", () => {
  it("refuse a date of birth and an age together, which the API refuses too", async () => {
    const both = { ...fourYearOld, age: { value: 4, unit: "years" as const } };
    // @ts-expect-error dateOfBirth and age exclude each other
    const typed: SelectRequest = both;
    const answer = await client.select(typed);
    expect(answer).toMatchObject({
      ok: false,
      status: 400,
      problem: { type: "urn:code-rules:problem:invalid-request" },
    });
    expectTypeOf({
      procedure: "x",
      age: { value: 4, unit: "years" as const },
    }).toMatchTypeOf<SelectRequest>();
    expectTypeOf(fourYearOld).toMatchTypeOf<SelectRequest>();
  });
});

describe("the client throws only when no answer came, and then a CodeRulesClientError", () => {
  it("says `network` when the request was not answered, with the fetch's error as its cause", async () => {
    const refused = new TypeError("fetch failed");
    const offline = answering(() => Promise.reject(refused));
    const thrown = await offline.health().catch((error: unknown) => error);
    expect(thrown).toBeInstanceOf(CodeRulesClientError);
    expect(thrown).toMatchObject({ kind: "network", cause: refused });
    expect((thrown as Error).message).toContain("GET https://api.example/health was not answered");
  });

  it("says `credentials` when a signed call finds none to sign with", async () => {
    const unsigned = createCodeRulesClient({
      baseUrl: "https://abc123defg.execute-api.eu-west-1.amazonaws.com",
      sign: {
        credentials: () =>
          Promise.reject(new Error("Could not load credentials from any providers")),
      },
      fetch: inProcess,
    });
    await expect(unsigned.health()).rejects.toMatchObject({
      name: "CodeRulesClientError",
      kind: "credentials",
      message: expect.stringContaining("Could not load credentials from any providers"),
    });
  });

  it("says `unreadable-answer` for a 2xx body that is not JSON: a page that is not the API", async () => {
    const page = answering(async () => new Response("<html>sign in</html>", { status: 200 }));
    await expect(page.health()).rejects.toMatchObject({ kind: "unreadable-answer" });
    const empty = answering(async () => new Response(null, { status: 204 }));
    await expect(empty.health()).rejects.toMatchObject({ kind: "unreadable-answer" });
  });
});
