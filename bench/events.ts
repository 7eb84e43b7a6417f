import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { ROUTES } from "../http/routes.js";
import { apiGatewayEvent } from "../local/api-gateway-event.js";

const body = JSON.stringify({
  procedure: "ecmo-cannula-insertion-percutaneous",
  dateOfBirth: "2020-11-25",
  dateOfService: "2026-11-24",
});

/** A selectCode event as API Gateway sends it. */
export const selectEvent = (): APIGatewayProxyEventV2 =>
  apiGatewayEvent({
    method: "POST",
    path: ROUTES.selectCode.path,
    body,
    requestId: "bench",
    headers: { "content-type": "application/json" },
  });
