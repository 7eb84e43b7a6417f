/** What every CloudFormation event to the seed carries, whatever its kind. */
export const SEED_EVENT_FIELDS = {
  ServiceToken: "arn:aws:lambda:eu-west-1:123456789012:function:provider",
  ResponseURL: "https://cloudformation-custom-resource-response.example/",
  StackId: "arn:aws:cloudformation:eu-west-1:123456789012:stack/code-rules-test/1",
  RequestId: "request-1",
  LogicalResourceId: "Seed",
  ResourceType: "Custom::CodeRulesSeed",
} as const;
