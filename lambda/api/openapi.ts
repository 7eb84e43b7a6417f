import * as z from "../core/zod.js";
import {
  batchRequestSchema,
  givenAgeSchema,
  MAX_BATCH_ITEMS,
  selectRequestSchema,
} from "./request-schemas.js";
// The response schemas register themselves under their ids, which is all the document needs.
import "./response-schemas.js";

const isoDate = {
  description: "A calendar date, YYYY-MM-DD, no time zone",
  pattern: "^\\d{4}-\\d{2}-\\d{2}$",
  examples: ["2026-11-24"],
};
const request = selectRequestSchema.shape;
// The request schemas' documentation, registered here rather than on the schemas themselves: the
// function parses with them, and the words belong to the document alone.
z.globalRegistry
  .add(selectRequestSchema, { id: "SelectRequest" })
  .add(batchRequestSchema, {
    id: "BatchRequest",
    description: `Up to ${MAX_BATCH_ITEMS} select requests`,
  })
  .add(givenAgeSchema, {
    description: "A completed age: every date of birth with this age on the date of service",
  })
  .add(request.procedure, { examples: ["ecmo-cannula-insertion-percutaneous"] })
  .add(request.dateOfService, {
    description: "May be left out only with `age`; then today's date in UTC",
  })
  .add(request.dateOfService.def.innerType, isoDate)
  .add(request.dateOfBirth.def.innerType, isoDate)
  .add(request.ruleVersion, { description: "Pins a published rule version" });

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });

const json = (description: string, schemaId: string) => ({
  description,
  content: { "application/json": { schema: ref(schemaId) } },
});

const problemResponse = (description: string, headers?: Record<string, unknown>) => ({
  description,
  content: { "application/problem+json": { schema: ref("Problem") } },
  ...(headers ? { headers } : {}),
});

const retryAfter = {
  "Retry-After": { description: "Seconds to wait before retrying", schema: { type: "string" } },
};

const internal = problemResponse(
  "A bug, never the caller's input; `detail` carries the request id to quote",
);

const errors = {
  "404": problemResponse("Unknown route"),
  "500": internal,
  "503": problemResponse("No good rule version can be served", retryAfter),
};

const selectErrors = {
  "400": problemResponse("Malformed JSON or invalid fields; `errors` lists each field"),
  "404": problemResponse("Unknown procedure, pinned rule version or route"),
  "413": problemResponse("Body over 256 KiB, or a batch of more than 100 items"),
  "422": problemResponse(
    "No rule in effect on the date of service, no band covers the age, an age ambiguous at a band edge (`decidingUnit` names the unit that decides), or a pinned version that cannot be served",
  ),
  "500": internal,
  "503": errors["503"],
};

// Each generated schema carries $schema and $id as if it were a document of its own; as an OpenAPI
// component it is not, and the $id would re-base every $ref inside it.
const withoutDocumentKeys = (schemas: Record<string, Record<string, unknown>>) =>
  Object.fromEntries(
    Object.entries(schemas).map(([id, { $schema: _, $id: __, ...schema }]) => [id, schema]),
  );

/** The text of lambda/api/openapi.json, as `npm run openapi` writes it. */
export const openApiText = (): string => `${JSON.stringify(buildOpenApiDocument(), null, 2)}\n`;

/** The OpenAPI 3.1 contract, generated from the same zod schemas that validate requests. */
export const buildOpenApiDocument = (): Record<string, unknown> => {
  const { schemas } = z.toJSONSchema(z.globalRegistry, {
    target: "draft-2020-12",
    io: "input",
    unrepresentable: "any",
    uri: (id) => `#/components/schemas/${id}`,
  });
  return {
    openapi: "3.1.0",
    info: {
      title: "code-rules",
      version: "1.0.0",
      description:
        "Which CPT code, and why: selects the code whose age band holds the patient's age on the date of service, from versioned rules. Deployed, every route needs IAM (SigV4) authorization.",
    },
    paths: {
      "/v1/select": {
        post: {
          summary: "Select the code for one procedure, date of service and date of birth or age",
          requestBody: {
            required: true,
            content: { "application/json": { schema: ref("SelectRequest") } },
          },
          responses: { "200": json("The selected code and why", "Selection"), ...selectErrors },
        },
      },
      "/v1/select/batch": {
        post: {
          summary: `Select codes for up to ${MAX_BATCH_ITEMS} requests; each item answers on its own`,
          requestBody: {
            required: true,
            content: { "application/json": { schema: ref("BatchRequest") } },
          },
          responses: {
            "200": json("One result per item, in order", "BatchResponse"),
            ...selectErrors,
          },
        },
      },
      "/v1/procedures": {
        get: {
          summary:
            "Procedures of the active version, with bands, codes, texts and effective periods",
          responses: { "200": json("The active version's procedures", "Procedures"), ...errors },
        },
      },
      "/v1/rules": {
        get: {
          summary: "The active rule version's number, publish time and message",
          responses: { "200": json("The active version", "RuleVersion"), ...errors },
        },
      },
      "/health": {
        get: {
          summary: "200 while a good rule version is loaded (possibly stale), 503 otherwise",
          responses: { "200": json("Serving", "Health"), "500": internal, "503": errors["503"] },
        },
      },
      "/openapi.json": {
        get: {
          summary: "This document",
          responses: {
            "200": { description: "The OpenAPI document", content: { "application/json": {} } },
          },
        },
      },
    },
    components: { schemas: withoutDocumentKeys(schemas) },
  };
};
