import { Duration, RemovalPolicy } from "aws-cdk-lib";
import { PolicyStatement } from "aws-cdk-lib/aws-iam";
import { Key, KeySpec, KeyUsage } from "aws-cdk-lib/aws-kms";
import { Construct } from "constructs";
import { PUBLIC_KEY_ATTRIBUTE, type PublicKeyProperties } from "../../admin/deploy/deploy-names.js";
import { projectPaths } from "../project-paths.js";
import { DeployTimeResource } from "./deploy-time-resource.js";
import type { EncryptedLogs } from "./encrypted-logs.js";

export interface SigningKeyProps {
  readonly logs: EncryptedLogs;
}

/**
 * The asymmetric key that signs every published version and audit entry (ECDSA on P-256). Its
 * private half never leaves KMS: admins sign through kms:Sign, which only the admin policy grants.
 * Its public half is read once per deploy by a custom resource and given to the function, which
 * verifies every version locally before serving it, with no KMS call.
 */
export class SigningKey extends Construct {
  readonly key: Key;
  /** The public key, base64 SPKI DER: a deploy-time token. */
  readonly publicKey: string;

  constructor(scope: Construct, id: string, props: SigningKeyProps) {
    super(scope, id);
    this.key = new Key(this, "Key", {
      description: "Signs code-rules versions and audit entries",
      keySpec: KeySpec.ECC_NIST_P256,
      keyUsage: KeyUsage.SIGN_VERIFY,
      // Every stored signature is checked against this key for as long as its version is kept.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const properties: PublicKeyProperties = { KeyId: this.key.keyArn };
    const reader = new DeployTimeResource(this, "PublicKey", {
      entry: projectPaths.publicKeyHandler,
      description: "Reads the code-rules signing key's public key for the function",
      resourceType: "Custom::CodeRulesPublicKey",
      properties: { ...properties },
      timeout: Duration.seconds(30),
      statements: [
        new PolicyStatement({ actions: ["kms:GetPublicKey"], resources: [this.key.keyArn] }),
      ],
      logs: props.logs,
    });
    this.publicKey = reader.resource.getAttString(PUBLIC_KEY_ATTRIBUTE);
  }

  /** What signing takes: for the admin policy alone. */
  signStatement(): PolicyStatement {
    return new PolicyStatement({
      actions: ["kms:Sign", "kms:GetPublicKey", "kms:DescribeKey"],
      resources: [this.key.keyArn],
    });
  }
}
