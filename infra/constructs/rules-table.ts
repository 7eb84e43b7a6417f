import { RemovalPolicy, Validations } from "aws-cdk-lib";
import {
  type Attribute,
  AttributeType,
  Billing,
  TableEncryptionV2,
  TableV2,
} from "aws-cdk-lib/aws-dynamodb";
import { ManagedPolicy, PolicyStatement } from "aws-cdk-lib/aws-iam";
import { Construct } from "constructs";
import { ADMIN_METRICS } from "../../admin/admin-metric-names.js";
import { RULES_TABLE_KEYS, RULES_TABLE_PARTITIONS } from "../../store/table-schema.js";

const attributeTypes = {
  S: AttributeType.STRING,
  N: AttributeType.NUMBER,
  B: AttributeType.BINARY,
} as const;

type KeyDefinition = (typeof RULES_TABLE_KEYS)[keyof typeof RULES_TABLE_KEYS];

const attribute = ({ name, type }: KeyDefinition): Attribute => ({
  name,
  type: attributeTypes[type],
});

/**
 * The rules table: every version's content, the version metadata, the active pointer, the audit
 * trail (with the approvals setting) and the change requests (see store/table-items.ts), with the
 * policies that reach it.
 */
export class RulesTable extends Construct {
  readonly table: TableV2;
  /** What the API function may do: read the pointer and query a version, nothing else. */
  readonly readerPolicy: ManagedPolicy;
  /**
   * What an admin may do, from the `code-rules` CLI as the admin role or from the studio through
   * the admin function: publish, roll back, list and audit, propose, review and approve change
   * requests, and count a break-glass move.
   */
  readonly adminPolicy: ManagedPolicy;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.table = new TableV2(this, "Table", {
      // The key schema `code-rules init` creates for DynamoDB Local, so both tables are the same.
      partitionKey: attribute(RULES_TABLE_KEYS.partitionKey),
      sortKey: attribute(RULES_TABLE_KEYS.sortKey),
      billing: Billing.onDemand(),
      // Rules are reference data, not PHI: the AWS managed key encrypts them at rest and spares
      // every reader a kms:Decrypt permission a customer-managed key would need.
      encryption: TableEncryptionV2.awsManagedKey(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      // Published versions and the audit trail are the record of what was billed and why.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.table).acknowledge({
      id: "HIPAA.Security-DynamoDBInBackupPlan",
      reason:
        "Point-in-time recovery restores the table to any second of the last 35 days. A write outside publish is detected rather than prevented: every version's checksum is signed with a KMS key only admins can use and the function serves no version whose signature fails, and the audit trail is a signed hash chain that `code-rules audit --verify` checks, so PITR restores what was there before. AWS Backup plans are set per account by the organisation, not per stack.",
    });

    const tableArn = this.table.tableArn;
    this.readerPolicy = new ManagedPolicy(this, "ReaderPolicy", {
      description: "Reads code-rules versions: the active pointer and one version's items",
      statements: [
        new PolicyStatement({
          actions: ["dynamodb:GetItem", "dynamodb:Query"],
          resources: [tableArn],
        }),
      ],
    });
    // Writes are granted per partition (dynamodb:LeadingKeys), each action only where publish,
    // rollback, revoke, garbage collection or a change request writes it. There is no
    // TransactWriteItems action in IAM: a transaction is authorized item by item against PutItem,
    // UpdateItem and ConditionCheckItem. Deletes reach only version content (garbage collection of
    // abandoned versions), never the metadata, the pointer, the audit trail or a change request.
    const { contentPrefix, versions, pointer, audit, requests } = RULES_TABLE_PARTITIONS;
    const content = `${contentPrefix}*`;
    const onPartitions = (actions: string[], partitions: string[]) =>
      new PolicyStatement({
        actions: actions.map((action) => `dynamodb:${action}`),
        resources: [tableArn],
        conditions: { "ForAllValues:StringLike": { "dynamodb:LeadingKeys": partitions } },
      });
    this.adminPolicy = new ManagedPolicy(this, "AdminPolicy", {
      description:
        "Administers code-rules versions with the code-rules CLI: publish, rollback, revoke, versions, audit, change requests",
      statements: [
        new PolicyStatement({
          actions: ["dynamodb:GetItem", "dynamodb:Query", "dynamodb:DescribeTable"],
          resources: [tableArn],
        }),
        // Content items, in batches; and their removal once their version is abandoned.
        onPartitions(["BatchWriteItem", "DeleteItem"], [content]),
        // The staged metadata, the pointer and the audit chain's head, the audit entry (the
        // approvals setting among them); a change request as each step leaves it, over the write
        // it was read at.
        onPartitions(["PutItem"], [versions, pointer, audit, requests]),
        // A version's status (published, abandoned) or revocation, and the version counter; the
        // request counter, and a request marked published by the move that publishes it.
        onPartitions(["UpdateItem"], [versions, pointer, requests]),
        // A rollback checks its target is published, a revocation that its target is not active.
        onPartitions(["ConditionCheckItem"], [versions, pointer]),
        // A break-glass move raises its metric, and the admin writes no other namespace's.
        new PolicyStatement({
          actions: ["cloudwatch:PutMetricData"],
          // PutMetricData has no resource to name: the namespace condition is its only bound.
          resources: ["*"],
          conditions: { StringEquals: { "cloudwatch:namespace": ADMIN_METRICS.namespace } },
        }),
      ],
    });
    Validations.of(this.adminPolicy).acknowledge({
      id: "AwsSolutions-IAM5[Resource::*]",
      reason:
        "The one wildcard is cloudwatch:PutMetricData, which has no resource-level permissions: IAM accepts only Resource *. The cloudwatch:namespace condition confines it to CodeRules/Admin, the break-glass metric's namespace. Every other statement names the table or the signing key.",
    });
  }
}
