import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { ROUTES } from "../http/routes.js";
import { apiGatewayEvent } from "../local/api-gateway-event.js";

/** A selectCode event as API Gateway sends it, for the ECMO cannula codes unless told otherwise. */
export const selectEvent = (
  procedure = "ecmo-cannula-insertion-percutaneous",
): APIGatewayProxyEventV2 =>
  apiGatewayEvent({
    method: "POST",
    path: ROUTES.selectCode.path,
    body: JSON.stringify({ procedure, dateOfBirth: "2020-11-25", dateOfService: "2026-11-24" }),
    requestId: "bench",
    headers: { "content-type": "application/json" },
  });
