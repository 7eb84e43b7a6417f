import { Duration, Lazy, RemovalPolicy } from "aws-cdk-lib";
import {
  AccountRootPrincipal,
  ArnPrincipal,
  Effect,
  type IRole,
  PolicyDocument,
  PolicyStatement,
  StarPrincipal,
} from "aws-cdk-lib/aws-iam";
import { Key, KeySpec, KeyUsage } from "aws-cdk-lib/aws-kms";
import { Construct } from "constructs";
import { PUBLIC_KEY_ATTRIBUTE, type PublicKeyProperties } from "../../admin/deploy/deploy-names.js";
import { projectPaths } from "../project-paths.js";
import { DeployTimeResource } from "./deploy-time-resource.js";
import type { EncryptedLogs } from "./encrypted-logs.js";

export interface SigningKeyProps {
  readonly logs: EncryptedLogs;
  /** The only principals that may call kms:Sign: the admin role; `addSigner` adds others. */
  readonly signers: readonly IRole[];
}

/**
 * What the account (its root, that is its IAM policies) may do with the key: administer it, read
 * its public key and describe it, never sign. CloudFormation updates the key policy through these
 * (kms:PutKeyPolicy), so they stay with the account; a principal allowed kms:PutKeyPolicy could
 * rewrite the policy to sign, but that is a key-policy change CloudTrail records as such, not a
 * Sign call lost among the admins' own. No wildcard here matches a cryptographic operation, and
 * kms:CreateGrant is left out: a grant is the other way to hand out kms:Sign.
 */
export const KEY_ADMINISTRATION_ACTIONS = [
  "kms:CreateAlias",
  "kms:Describe*",
  "kms:Enable*",
  "kms:List*",
  "kms:Put*",
  "kms:Update*",
  "kms:Revoke*",
  "kms:Disable*",
  "kms:Get*",
  "kms:Delete*",
  "kms:TagResource",
  "kms:UntagResource",
  "kms:ScheduleKeyDeletion",
  "kms:CancelKeyDeletion",
] as const;

/**
 * The asymmetric key that signs every published version and audit entry (ECDSA on P-256). Its
 * private half never leaves KMS, and only the signers (the admin role and the admin function's)
 * may call kms:Sign: the key policy allows it to them by ARN and denies it to every other
 * principal, so no IAM policy in the account (the root's included) can grant it. Its public half
 * is read once per deploy by a custom resource and given to the functions, which verify every
 * version locally before serving it, with no KMS call.
 */
export class SigningKey extends Construct {
  readonly key: Key;
  /** The public key, base64 SPKI DER: a deploy-time token. */
  readonly publicKey: string;
  private readonly signers: IRole[];
  private readonly signing: PolicyStatement;

  constructor(scope: Construct, id: string, props: SigningKeyProps) {
    super(scope, id);
    if (props.signers.length === 0) throw new Error("the signing key needs at least one signer");
    this.signers = [...props.signers];
    this.signing = new PolicyStatement({
      sid: "SignAsAdmin",
      principals: this.signers.map((signer) => new ArnPrincipal(signer.roleArn)),
      actions: ["kms:Sign"],
      resources: ["*"],
    });
    // Read at synth, so that a signer added later is excepted from the denial too.
    const signerArns = Lazy.list({ produce: () => this.signers.map((signer) => signer.roleArn) });
    this.key = new Key(this, "Key", {
      description: "Signs code-rules versions and audit entries",
      keySpec: KeySpec.ECC_NIST_P256,
      keyUsage: KeyUsage.SIGN_VERIFY,
      // Every stored signature is checked against this key for as long as its version is kept.
      removalPolicy: RemovalPolicy.RETAIN,
      // Given in full, so the CDK adds no default `kms:*` for the account root.
      policy: new PolicyDocument({
        statements: [
          new PolicyStatement({
            sid: "KeyAdministrationNotSigning",
            principals: [new AccountRootPrincipal()],
            actions: [...KEY_ADMINISTRATION_ACTIONS],
            resources: ["*"],
          }),
          this.signing,
          new PolicyStatement({
            sid: "NoOtherPrincipalSigns",
            effect: Effect.DENY,
            principals: [new StarPrincipal()],
            actions: ["kms:Sign"],
            resources: ["*"],
            conditions: { ArnNotEquals: { "aws:PrincipalArn": signerArns } },
          }),
        ],
      }),
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

  /** Lets `role` sign too: the key policy names it beside the admin role. */
  addSigner(role: IRole): void {
    this.signers.push(role);
    this.signing.addArnPrincipal(role.roleArn);
  }

  /**
   * What signing takes, for the admin policy. The key policy alone lets the signers sign; the
   * statement says so where their permissions are read, and does nothing for another holder.
   */
  signStatement(): PolicyStatement {
    return new PolicyStatement({
      actions: ["kms:Sign", "kms:GetPublicKey", "kms:DescribeKey"],
      resources: [this.key.keyArn],
    });
  }
}
