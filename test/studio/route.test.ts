import { describe, expect, it } from "vitest";
import { hashOf, routeOf } from "../../studio/web/route.js";

describe("the studio's pages, by the address's fragment", () => {
  it("reads each page and a request by number, and back", () => {
    for (const hash of ["#/rules", "#/requests", "#/requests/3", "#/versions"])
      expect(hashOf(routeOf(hash) ?? { page: "rules" })).toBe(hash);
  });

  it("opens on the rules, and leaves the page as it is for a fragment that names no page", () => {
    expect(routeOf("")).toEqual({ page: "rules" });
    expect(routeOf("#main")).toBeUndefined();
    expect(routeOf("#/requests/0")).toBeUndefined();
    expect(routeOf("#/requests/abc")).toBeUndefined();
  });
});
