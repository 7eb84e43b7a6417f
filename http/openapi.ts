import { groupBy } from "../core/group-by.js";
import * as z from "../core/zod.js";
// The request and response schemas register their documentation under their ids as they load.
import type { RequestVariant } from "./request-schemas.js";
import { RESPONSE_SCHEMAS, type ResponseSchemaId } from "./response-schemas.js";
import { type Access, type Route, TAGS } from "./route.js";
import { type OperationId, ROUTES } from "./routes.js";
import { SERVERS } from "./servers.js";

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });

/** The id a schema is registered under, which names its component. */
const componentId = (schema: z.ZodMiniType): string => {
  const id = z.globalRegistry.get(schema)?.id;
  if (!id) throw new Error("a route's schema is not registered under an id");
  return id;
};

/** An example as the document names it: what it shows, and the body. */
export interface NamedExample {
  readonly summary: string;
  readonly value: unknown;
}

type Examples = Readonly<Record<string, NamedExample>>;

/** An operation's examples: of its request body, and of its answers by status. */
export interface OperationExamples {
  readonly request: Examples;
  readonly responses: Readonly<Record<string, Examples>>;
}

const NO_EXAMPLES: OperationExamples = { request: {}, responses: {} };

/** What the document carries beyond the routes and schemas. */
export interface DocumentInputs {
  /** The package's version. */
  readonly version: string;
  /** Each operation's examples; scripts/example-answers.ts has the API answer them. */
  readonly examples?: Readonly<Partial<Record<OperationId, OperationExamples>>>;
}

const problemResponse = (status: number, description: string, examples: Examples = {}) => ({
  description,
  content: { "application/problem+json": { schema: ref("Problem"), examples } },
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
const gatewayResponse = (description: string, message: string) => ({
  description,
  content: {
    "application/json": {
      schema: ref("GatewayMessage"),
      examples: { gateway: { summary: "API Gateway's own answer", value: { message } } },
    },
  },
});

const THROTTLED = gatewayResponse(
  "Deployed only: over the stage's throttling limits; retry later",
  "Too Many Requests",
);

/** What API Gateway answers itself, before the function, for each kind of access. */
const GATEWAY_RESPONSES: Readonly<Record<Access["kind"], object>> = {
  iam: {
    "403": gatewayResponse(
      "Deployed only: the request is not signed (SigV4) by a principal allowed `execute-api:Invoke`",
      "Forbidden",
    ),
    "429": THROTTLED,
  },
  // The local server checks tokens as the JWT authorizer does, and answers as it does.
  "sign-in": {
    "401": gatewayResponse(
      "No bearer token, or one that is expired, from another issuer, for another audience or not signed by the issuer's keys",
      "Unauthorized",
    ),
    "429": THROTTLED,
  },
};

/** The security requirement of each kind of access: a scheme of components.securitySchemes. */
const SECURITY: Readonly<Record<Access["kind"], readonly Record<string, string[]>[]>> = {
  iam: [{ sigv4: [] }],
  "sign-in": [{ signIn: [] }],
};

// Every `{name}` of a path is one of its segments: a change request's or a version's number.
const pathParameters = (path: string) =>
  [...path.matchAll(/\{([a-zA-Z]+)\}/g)].map(([, name]) => ({
    name,
    in: "path",
    required: true,
    schema: { type: "integer", minimum: 1 },
  }));

const jsonContent = (schema: z.ZodMiniType | undefined, examples: Examples = {}) =>
  schema ? { schema: ref(componentId(schema)), examples } : {};

const answerContent = (id: ResponseSchemaId | undefined, examples: Examples = {}) =>
  jsonContent(id === undefined ? undefined : RESPONSE_SCHEMAS[id], examples);

const operation = (operationId: string, route: Route, examples: OperationExamples) => ({
  operationId,
  tags: [route.tag],
  summary: route.summary,
  description:
    route.access.kind === "sign-in"
      ? `${route.description}\n\nRole: ${route.access.role}.`
      : route.description,
  security: SECURITY[route.access.kind],
  ...(route.path.includes("{") ? { parameters: pathParameters(route.path) } : {}),
  ...(route.request
    ? {
        requestBody: {
          required: true,
          content: { "application/json": jsonContent(route.request, examples.request) },
        },
      }
    : {}),
  responses: {
    [route.response.status ?? 200]: {
      description: route.response.description,
      content: {
        "application/json": answerContent(route.response.schema, examples.responses[200]),
      },
    },
    ...Object.fromEntries(
      Object.entries(route.problems).map(([status, description]) => [
        status,
        problemResponse(Number(status), description, examples.responses[status]),
      ]),
    ),
    ...GATEWAY_RESPONSES[route.access.kind],
  },
});

const paths = (examples: DocumentInputs["examples"] = {}): OpenApiDocument["paths"] => {
  const byPath = groupBy(Object.entries(ROUTES) as [string, Route][], ([, route]) => route.path);
  return Object.fromEntries(
    [...byPath].map(([path, routes]) => [
      path,
      Object.fromEntries(
        routes.map(([operationId, route]) => [
          route.method.toLowerCase(),
          operation(operationId, route, examples[operationId as OperationId] ?? NO_EXAMPLES),
        ]),
      ),
    ]),
  );
};

// Each generated schema carries $schema and $id as if it were a document of its own; as an OpenAPI
// component it is not, and the $id would re-base every $ref inside it. Sorted by name: the
// registry lists schemas in the order their modules loaded, which no reader should depend on.
const withoutDocumentKeys = (schemas: Record<string, Record<string, unknown>>) =>
  Object.fromEntries(
    Object.entries(schemas)
      .sort(([a], [b]) => a.localeCompare(b, "en"))
      .map(([id, { $schema: _, $id: __, ...schema }]) => [id, schema]),
  );

/** The parts of the document its readers rely on. */
export interface OpenApiDocument {
  readonly paths: Readonly<
    Record<string, Readonly<Record<string, { readonly operationId: string }>>>
  >;
  readonly [key: string]: unknown;
}

/** The text of http/openapi.json, as `npm run openapi` writes it. */
export const openApiText = (document: OpenApiDocument): string =>
  `${JSON.stringify(document, null, 2)}\n`;

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

// zod writes a literal number as `type: number`, and every integer as bounded by JavaScript's safe
// range: a status is an integer, and says so; an age or a count is bounded by 0, not by 2^53 - 1,
// which the reference page would print beside every one of them.
const asInteger = (schema: Record<string, unknown>): void => {
  const values = schema.enum ?? (schema.const === undefined ? undefined : [schema.const]);
  if (schema.type === "number" && Array.isArray(values) && values.every(Number.isInteger))
    schema.type = "integer";
  if (schema.maximum === Number.MAX_SAFE_INTEGER) delete schema.maximum;
};

/**
 * The OpenAPI 3.1 contract, generated from the same zod schemas that validate requests; `npm run
 * openapi` adds the package's version and the examples the API answers (scripts/openapi-document.ts).
 */
export const buildOpenApiDocument = ({ version, examples }: DocumentInputs): OpenApiDocument => {
  const { schemas } = z.toJSONSchema(z.globalRegistry, {
    target: "draft-2020-12",
    io: "input",
    unrepresentable: "any",
    uri: (id) => `#/components/schemas/${id}`,
    override: ({ jsonSchema }) => {
      asVariants(jsonSchema as ObjectSchema);
      asInteger(jsonSchema as Record<string, unknown>);
    },
  });
  return {
    openapi: "3.1.0",
    info: {
      title: "code-rules",
      version,
      description:
        "Which CPT code, and why: selects the code whose age band holds the patient's age on the date of service, from versioned rules, and checks billed codes against it. Deployed, every route needs IAM (SigV4) authorization. Errors are RFC 9457 problem details; each `type` is listed with its meaning in the Problem schema. Every list of codes (`expected`, `codes`, `codesByAge`, a procedure's `rules`) is ordered by band, youngest first, then by code.",
      contact: { name: "The code-rules team" },
      license: { name: "Proprietary, internal use only", identifier: "LicenseRef-Proprietary" },
    },
    servers: SERVERS,
    security: [{ sigv4: [] }],
    tags: TAGS,
    paths: paths(examples),
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
        // The studio's routes: an ID token from the organisation's sign-in (Cognito by default),
        // checked by API Gateway's JWT authorizer; the function checks its groups for the role.
        signIn: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "JWT",
          description:
            "An ID token from the studio's sign-in (OpenID Connect). Its groups claim gives the role: `rule-editors` or `rule-approvers`",
        },
      },
    },
  };
};
