import * as z from "../core/zod.js";
// The request and response schemas register their documentation under their ids as they load.
import { ROUTES, type Route } from "./routes.js";

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
  },
});

const paths = (): Record<string, Record<string, unknown>> => {
  const byPath: Record<string, Record<string, unknown>> = {};
  for (const [operationId, route] of Object.entries(ROUTES) as [string, Route][]) {
    const methods = {
      ...byPath[route.path],
      [route.method.toLowerCase()]: operation(operationId, route),
    };
    byPath[route.path] = methods;
  }
  return byPath;
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
    paths: paths(),
    components: { schemas: withoutDocumentKeys(schemas) },
  };
};
