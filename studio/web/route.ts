/**
 * The studio's pages, by the address's fragment: `#/rules`, `#/requests`, `#/requests/3`,
 * `#/versions`. Other fragments (the skip link's `#main`) leave the page where it is.
 */
export type Route =
  | { readonly page: "rules" }
  | { readonly page: "requests" }
  | { readonly page: "request"; readonly number: number }
  | { readonly page: "versions" };

export const RULES: Route = { page: "rules" };

/** The route a fragment names, or undefined when it names none. */
export const routeOf = (hash: string): Route | undefined => {
  if (hash === "" || hash === "#" || hash === "#/" || hash === "#/rules") return RULES;
  if (hash === "#/requests") return { page: "requests" };
  if (hash === "#/versions") return { page: "versions" };
  const request = /^#\/requests\/([1-9]\d{0,8})$/.exec(hash);
  return request ? { page: "request", number: Number(request[1]) } : undefined;
};

export const hashOf = (route: Route): string =>
  route.page === "request" ? `#/requests/${route.number}` : `#/${route.page}`;
