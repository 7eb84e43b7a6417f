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
import { CONTENT_PARTITION_PREFIX, RULES_TABLE_KEYS } from "../../lambda/store/table-schema.js";

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
 * The rules table: every version's content, the version metadata, the active pointer and the
 * audit trail (see lambda/store/table-items.ts), with the policies that reach it.
 */
export class RulesTable extends Construct {
  readonly table: TableV2;
  /** What the API function may do: read the pointer and query a version, nothing else. */
  readonly readerPolicy: ManagedPolicy;
  /** What an admin running the `code-rules` CLI may do: publish, roll back, list and audit. */
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
        "Point-in-time recovery restores the table to any second of the last 35 days, every version is immutable and kept, and the shipped rules are in git; AWS Backup plans are set per account by the organisation, not per stack.",
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
    // Deletes and batch writes reach version content partitions only (publish writes content in
    // batches, gc deletes the content of abandoned versions): metadata, the pointer and the audit
    // trail can be neither deleted nor overwritten in bulk. There is no TransactWriteItems action
    // in IAM: a transaction is authorized item by item against PutItem, UpdateItem and
    // ConditionCheckItem.
    this.adminPolicy = new ManagedPolicy(this, "AdminPolicy", {
      description:
        "Administers code-rules versions with the code-rules CLI: publish, rollback, versions, audit",
      statements: [
        new PolicyStatement({
          actions: [
            "dynamodb:GetItem",
            "dynamodb:Query",
            "dynamodb:PutItem",
            "dynamodb:UpdateItem",
            "dynamodb:ConditionCheckItem",
            "dynamodb:DescribeTable",
          ],
          resources: [tableArn],
        }),
        new PolicyStatement({
          actions: ["dynamodb:BatchWriteItem", "dynamodb:DeleteItem"],
          resources: [tableArn],
          conditions: {
            "ForAllValues:StringLike": {
              "dynamodb:LeadingKeys": [`${CONTENT_PARTITION_PREFIX}*`],
            },
          },
        }),
      ],
    });
  }
}
