import { groupBy } from "../../core/group-by.js";
import * as z from "../../core/zod.js";
// The request and response schemas register their documentation under their ids as they load.
import type { RequestVariant } from "./request-schemas.js";
import { ROUTES, type Route } from "./routes.js";
import { SERVERS } from "./servers.js";

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });

/** The id a schema is registered under, which names its component. */
const componentId = (schema: z.ZodMiniType): string => {
  const id = z.globalRegistry.get(schema)?.id;
  if (!id) throw new Error("a route's schema is not registered under an id");
  return id;
};

const problemResponse = (status: number, description: string) => ({
  description,
  content: { "application/problem+json": { schema: ref("Problem") } },
  ...(status === 503
    ? {
        headers: {
          "Retry-After": {
            description: "Seconds to wait before retrying",
            schema: { type: "string" },
          },
        },
      }
    : {}),
});

// API Gateway answers these itself, before the function, with a JSON `message`.
const gatewayResponse = (description: string) => ({
  description,
  content: { "application/json": { schema: ref("GatewayMessage") } },
});

const GATEWAY_RESPONSES = {
  "403": gatewayResponse(
    "Deployed only: the request is not signed (SigV4) by a principal allowed `execute-api:Invoke`",
  ),
  "429": gatewayResponse("Deployed only: over the stage's throttling limits; retry later"),
};

const operation = (operationId: string, route: Route) => ({
  operationId,
  summary: route.summary,
  ...(route.request
    ? {
        requestBody: {
          required: true,
          content: { "application/json": { schema: ref(componentId(route.request)) } },
        },
      }
    : {}),
  responses: {
    "200": {
      description: route.response.description,
      content: {
        "application/json": route.response.schema
          ? { schema: ref(componentId(route.response.schema)) }
          : {},
      },
    },
    ...Object.fromEntries(
      Object.entries(route.problems).map(([status, description]) => [
        status,
        problemResponse(Number(status), description),
      ]),
    ),
    ...GATEWAY_RESPONSES,
  },
});

const paths = (): OpenApiDocument["paths"] => {
  const byPath = groupBy(Object.entries(ROUTES) as [string, Route][], ([, route]) => route.path);
  return Object.fromEntries(
    [...byPath].map(([path, routes]) => [
      path,
      Object.fromEntries(
        routes.map(([operationId, route]) => [
          route.method.toLowerCase(),
          operation(operationId, route),
        ]),
      ),
    ]),
  );
};

// Each generated schema carries $schema and $id as if it were a document of its own; as an OpenAPI
// component it is not, and the $id would re-base every $ref inside it.
const withoutDocumentKeys = (schemas: Record<string, Record<string, unknown>>) =>
  Object.fromEntries(
    Object.entries(schemas).map(([id, { $schema: _, $id: __, ...schema }]) => [id, schema]),
  );

/** The parts of the document its readers rely on. */
export interface OpenApiDocument {
  readonly paths: Readonly<
    Record<string, Readonly<Record<string, { readonly operationId: string }>>>
  >;
  readonly [key: string]: unknown;
}

/** The text of lambda/api/openapi.json, as `npm run openapi` writes it. */
export const openApiText = (): string => `${JSON.stringify(buildOpenApiDocument(), null, 2)}\n`;

interface ObjectSchema {
  properties: Record<string, unknown>;
  required?: string[];
  variants?: readonly RequestVariant[];
  [key: string]: unknown;
}

// A request schema's `variants` become `oneOf` whole objects, each with its own fields only, as
// generators type them: a union of two shapes rather than one shape with every field optional.
const asVariants = (schema: ObjectSchema): void => {
  const { variants, properties, required = [] } = schema;
  if (!variants) return;
  schema.oneOf = variants.map((variant) => ({
    title: variant.title,
    type: "object",
    properties: Object.fromEntries(
      Object.entries(properties).filter(([name]) => !variant.absent.includes(name)),
    ),
    required: [...required, ...variant.required],
    additionalProperties: false,
  }));
  for (const key of ["variants", "type", "properties", "required", "additionalProperties"])
    delete schema[key];
};

/** The OpenAPI 3.1 contract, generated from the same zod schemas that validate requests. */
export const buildOpenApiDocument = (): OpenApiDocument => {
  const { schemas } = z.toJSONSchema(z.globalRegistry, {
    target: "draft-2020-12",
    io: "input",
    unrepresentable: "any",
    uri: (id) => `#/components/schemas/${id}`,
    override: ({ jsonSchema }) => asVariants(jsonSchema as ObjectSchema),
  });
  return {
    openapi: "3.1.0",
    info: {
      title: "code-rules",
      version: "1.0.0",
      description:
        "Which CPT code, and why: selects the code whose age band holds the patient's age on the date of service, from versioned rules, and checks billed codes against it. Deployed, every route needs IAM (SigV4) authorization. Errors are RFC 9457 problem details; each `type` is listed with its meaning in the Problem schema.",
      contact: { name: "The code-rules team" },
      license: { name: "Proprietary, internal use only", identifier: "LicenseRef-Proprietary" },
    },
    servers: SERVERS,
    security: [{ sigv4: [] }],
    paths: paths(),
    components: {
      schemas: {
        ...withoutDocumentKeys(schemas),
        GatewayMessage: {
          type: "object",
          properties: { message: { type: "string" } },
          required: ["message"],
          description: "What API Gateway answers on its own",
        },
      },
      securitySchemes: {
        // As API Gateway documents IAM authorization for HTTP APIs.
        sigv4: {
          type: "apiKey",
          name: "Authorization",
          in: "header",
          "x-amazon-apigateway-authtype": "awsSigv4",
        },
      },
    },
  };
};
