import { RemovalPolicy, Stack } from "aws-cdk-lib";
import { PolicyStatement, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import { Key } from "aws-cdk-lib/aws-kms";
import { LogGroup, type RetentionDays } from "aws-cdk-lib/aws-logs";
import { Construct } from "constructs";

export interface EncryptedLogsProps {
  /** How long every log group keeps its events. */
  readonly retention: RetentionDays;
}

/**
 * The stack's log groups: each encrypted with one customer-managed key and kept for a fixed
 * retention. Access logs name callers and their IP addresses, so they are encrypted like any other
 * record of who asked what (HIPAA 164.312(a)(2)(iv)).
 */
export class EncryptedLogs extends Construct {
  readonly key: Key;
  private readonly retention: RetentionDays;

  constructor(scope: Construct, id: string, props: EncryptedLogsProps) {
    super(scope, id);
    this.retention = props.retention;
    this.key = new Key(this, "Key", {
      description: "Encrypts the code-rules log groups",
      enableKeyRotation: true,
      // The log groups outlive the stack; so must the key that makes them readable.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // CloudWatch Logs encrypts with the key itself, as a service principal; the condition keeps it
    // to log groups of this account and region.
    const { account, partition, region } = Stack.of(this);
    this.key.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal(`logs.${region}.amazonaws.com`)],
        actions: [
          "kms:Encrypt*",
          "kms:Decrypt*",
          "kms:ReEncrypt*",
          "kms:GenerateDataKey*",
          "kms:Describe*",
        ],
        resources: ["*"],
        conditions: {
          ArnLike: {
            "kms:EncryptionContext:aws:logs:arn": `arn:${partition}:logs:${region}:${account}:log-group:*`,
          },
        },
      }),
    );
  }

  /**
   * A new log group under `scope`. Names are left to CloudFormation: log groups outlive the stack
   * (they are retained), so a fixed name would collide when the stack is deployed again.
   */
  createLogGroup(scope: Construct, id: string): LogGroup {
    return new LogGroup(scope, id, { encryptionKey: this.key, retention: this.retention });
  }
}
