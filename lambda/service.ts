import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  Context,
} from "aws-lambda";
import { utcDateOf } from "../core/calendar-date.js";
import { selectionApi } from "./api/answers.js";
import { powertoolsTelemetry } from "./powertools-telemetry.js";
import type { RuleLoader } from "./rule-loader.js";
import { type RulesConfig, rulesWiring } from "./rules-wiring.js";
import { SERVICE_NAME } from "./service-names.js";

/** One invocation: the API Gateway event, and the Lambda context when Lambda calls. */
export type ServiceHandler = (
  event: APIGatewayProxyEventV2,
  context?: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

export interface Service {
  readonly handle: ServiceHandler;
  readonly loader: RuleLoader;
}

/** The composition root: the same wiring serves Lambda, the local server and the tests. */
export const createService = (config: RulesConfig): Service => {
  const { logger, metrics, loader } = rulesWiring(config, SERVICE_NAME);
  const api = selectionApi({
    rules: loader,
    telemetry: powertoolsTelemetry(logger, metrics),
    today: () => utcDateOf(new Date()),
    now: () => performance.now(),
  });
  const handle: ServiceHandler = async (event, context) => {
    // Cold start, function name and the invocation's request id on every line of this invocation.
    if (context) logger.addContext(context);
    try {
      return await api(event);
    } finally {
      metrics.flush();
    }
  };
  return { handle, loader };
};
