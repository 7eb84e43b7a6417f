import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { apiGatewayEvent } from "../local/api-gateway-event.js";

const body = JSON.stringify({
  procedure: "ecmo-cannula-insertion-percutaneous",
  dateOfBirth: "2020-11-25",
  dateOfService: "2026-11-24",
});

/** A POST /v1/select event as API Gateway sends it. */
export const selectEvent = (): APIGatewayProxyEventV2 =>
  apiGatewayEvent({
    method: "POST",
    path: "/v1/select",
    body,
    requestId: "bench",
    headers: { "content-type": "application/json" },
  });
