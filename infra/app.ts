import { App } from "aws-cdk-lib";
import { CodeRulesStack } from "./code-rules-stack.js";
import { addComplianceChecks } from "./compliance.js";
import { stackPropsFromContext } from "./context.js";

const app = new App();
const props = stackPropsFromContext(app.node);
new CodeRulesStack(app, `code-rules-${props.stage}`, props);
addComplianceChecks(app);
