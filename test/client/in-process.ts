import type { Service } from "../../lambda/service.js";
import { apiGatewayEvent } from "../../local/api-gateway-event.js";
import { shippedRulesService } from "../support/shipped-service.js";

let service: Promise<Service> | undefined;

/** Every request a client sent through {@link inProcess}, in order. */
export const sent: Request[] = [];

/** A fetch that hands each request to the API's handler in process, as API Gateway would. */
export const inProcess = async (request: Request): Promise<Response> => {
  sent.push(request.clone());
  service ??= shippedRulesService();
  const url = new URL(request.url);
  const body = request.body ? await request.text() : undefined;
  const result = await (await service).handle(
    apiGatewayEvent({ method: request.method, path: url.pathname, body, requestId: "client" }),
  );
  return new Response(result.body, {
    status: result.statusCode,
    headers: result.headers as Record<string, string>,
  });
};
