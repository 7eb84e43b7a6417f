import { setTimeout as sleep } from "node:timers/promises";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";

/** Temporary credentials, as the SDK's clients take them. */
export interface SessionCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  readonly expiration?: Date;
}

/** The session name the seed's AssumeRole carries: CloudTrail shows it with every call it makes. */
export const SEED_SESSION_NAME = "code-rules-seed";

export interface AssumeOptions {
  readonly sts?: Pick<STSClient, "send">;
  /**
   * How often to ask again while STS refuses: the seed runs seconds after CloudFormation attached
   * its access and created the admin role's trust, which IAM takes a few seconds to propagate.
   */
  readonly attempts?: number;
  readonly waitMs?: number;
}

/**
 * Credentials of a session of the admin role, the only principal the signing key lets sign. The
 * seed calls this on the stack's first deploy only: its own role may assume the admin role until
 * the stack detaches that right, right after the seed has run (infra/constructs/rules-seed.ts).
 */
export const assumeAdminRole = async (
  roleArn: string,
  { sts = new STSClient({}), attempts = 6, waitMs = 5_000 }: AssumeOptions = {},
): Promise<SessionCredentials> => {
  for (let attempt = 1; ; attempt++) {
    try {
      const { Credentials } = await sts.send(
        new AssumeRoleCommand({
          RoleArn: roleArn,
          RoleSessionName: SEED_SESSION_NAME,
          // The seed's own timeout is a minute; STS's shortest session is 15.
          DurationSeconds: 900,
        }),
      );
      if (!Credentials?.AccessKeyId || !Credentials.SecretAccessKey || !Credentials.SessionToken) {
        throw new Error(`STS returned no credentials for ${roleArn}`);
      }
      return {
        accessKeyId: Credentials.AccessKeyId,
        secretAccessKey: Credentials.SecretAccessKey,
        sessionToken: Credentials.SessionToken,
        expiration: Credentials.Expiration,
      };
    } catch (error) {
      const refused = (error as { name?: string }).name === "AccessDenied";
      if (!refused || attempt >= attempts) throw error;
      await sleep(waitMs);
    }
  }
};
