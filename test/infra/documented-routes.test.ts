import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { HttpMethod } from "aws-cdk-lib/aws-apigatewayv2";
import { describe, expect, it } from "vitest";
import { documentedRoutes } from "../../infra/documented-routes.js";
import { projectPaths } from "../../infra/project-paths.js";
import { scratchFolder } from "../support/scratch.js";

const sigv4 = [{ sigv4: [] }];
const signIn = [{ signIn: [] }];

/** The routes of a document written to a scratch file, as the stack reads the real one. */
const routesOf = (document: object) => {
  const file = join(scratchFolder("openapi"), "openapi.json");
  writeFileSync(file, JSON.stringify(document));
  return documentedRoutes(file);
};

describe("the documented routes", () => {
  it("are each operation with the access its security gives: SigV4 for callers, sign-in for admins", () => {
    const routes = routesOf({
      // An operation with no security of its own takes the document's.
      security: sigv4,
      paths: {
        "/v1/select": { post: {} },
        "/health": { get: { security: sigv4 } },
        "/admin/v1/requests": { get: { security: signIn }, post: { security: signIn } },
        "/admin/v1/requests/{number}/approve": {
          // A path item's shared parameters are not an operation.
          parameters: [{ name: "number", in: "path" }],
          post: { security: signIn },
        },
        "/admin/v1/requests/{number}": { put: { security: signIn } },
      },
    });
    expect(routes).toEqual([
      { method: HttpMethod.POST, path: "/v1/select", access: "caller" },
      { method: HttpMethod.GET, path: "/health", access: "caller" },
      { method: HttpMethod.GET, path: "/admin/v1/requests", access: "admin" },
      { method: HttpMethod.POST, path: "/admin/v1/requests", access: "admin" },
      { method: HttpMethod.POST, path: "/admin/v1/requests/{number}/approve", access: "admin" },
      { method: HttpMethod.PUT, path: "/admin/v1/requests/{number}", access: "admin" },
    ]);
  });

  it.each([
    ["no security at all", { "/v1/select": { post: {} } }],
    ["an empty security: open to anyone", { "/v1/select": { post: { security: [] } } }],
    [
      "a scheme the stack does not know",
      { "/v1/select": { post: { security: [{ apiKey: [] }] } } },
    ],
    ["two schemes", { "/v1/select": { post: { security: [{ sigv4: [] }, { signIn: [] }] } } }],
  ])("refuse, failing the synth, an operation with %s", (_case, paths) => {
    expect(() => routesOf({ paths })).toThrow(
      /^POST \/v1\/select in the OpenAPI document: security must be \[\{"sigv4": \[\]\}\] or \[\{"signIn": \[\]\}\]/,
    );
  });

  it.each([
    ["an /admin/v1/ route SigV4-signed", "/admin/v1/requests", sigv4],
    ["a caller route signed in", "/v1/select", signIn],
  ])("refuse %s: the path and the security must agree", (_case, path, security) => {
    expect(() => routesOf({ paths: { [path]: { post: { security } } } })).toThrow(
      `POST ${path} in the OpenAPI document: routes under /admin/v1/ are signed in (signIn) and every other route is SigV4-signed (sigv4)`,
    );
  });

  it("include, from the project's document, caller routes and admin routes", () => {
    const accesses = new Set(
      documentedRoutes(projectPaths.openApiDocument).map(({ access }) => access),
    );
    expect([...accesses].sort()).toEqual(["admin", "caller"]);
  });
});
