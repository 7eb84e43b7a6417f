import { Duration, RemovalPolicy, Stack } from "aws-cdk-lib";
import {
  AccountRecovery,
  FeaturePlan,
  Mfa,
  OAuthScope,
  StandardThreatProtectionMode,
  UserPool,
  type UserPoolClient,
  UserPoolClientIdentityProvider,
  type UserPoolDomain,
} from "aws-cdk-lib/aws-cognito";
import { Construct } from "constructs";
import { ADMIN_GROUPS, DEFAULT_GROUPS_CLAIM } from "../../admin/deploy/deploy-names.js";
import type { SignInIssuer } from "../sign-in-issuer.js";

export interface StudioUserPoolProps {
  /** The studio page: where a sign-in returns and a sign-out lands. */
  readonly studioUrl: string;
  /** The hosted sign-in's domain prefix (`<prefix>.auth.<region>.amazoncognito.com`), unique in the region. */
  readonly domainPrefix: string;
}

/**
 * The people who may sign in to the studio, when the organisation brings no issuer of its own: a
 * Cognito user pool whose members an administrator adds (no self sign-up) to `rule-editors` or
 * `rule-approvers`, signing in on Cognito's hosted pages with a password and a one-time code
 * (TOTP), and a public client for the page: the authorization code flow, no secret (a page keeps
 * none), back to the page itself.
 */
export class StudioUserPool extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  readonly domain: UserPoolDomain;
  readonly signIn: SignInIssuer;

  constructor(scope: Construct, id: string, props: StudioUserPoolProps) {
    super(scope, id);
    this.userPool = new UserPool(this, "Pool", {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      // The audit names people by their token's name.
      standardAttributes: {
        email: { required: true, mutable: true },
        fullname: { required: true, mutable: true },
      },
      passwordPolicy: {
        minLength: 14,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
        passwordHistorySize: 5,
      },
      // A one-time code app, not SMS: no SNS role, and no code to intercept on the phone network.
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      // Threat protection (compromised credentials, risky sign-ins blocked) needs the Plus plan.
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      // Who may change rules is kept with the rules and their audit, which are retained too.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // What each group may do, said where whoever adds people to it reads it.
    this.userPool.addGroup("Editors", {
      groupName: ADMIN_GROUPS.editors,
      description: "Propose rule changes and comment on them in the studio",
    });
    this.userPool.addGroup("Approvers", {
      groupName: ADMIN_GROUPS.approvers,
      description: "Propose and comment, and approve, reject and publish others' rule changes",
    });
    this.domain = this.userPool.addDomain("SignIn", {
      cognitoDomain: { domainPrefix: props.domainPrefix },
    });
    this.client = this.studioClient(props.studioUrl);
    const { region, urlSuffix } = Stack.of(this);
    this.signIn = {
      issuer: `https://${this.userPool.userPoolProviderUrl}`,
      audience: this.client.userPoolClientId,
      groupsClaim: DEFAULT_GROUPS_CLAIM,
      signInOrigins: [`https://cognito-idp.${region}.${urlSuffix}`, this.domain.baseUrl()],
    };
  }

  /**
   * Cognito accepts PKCE on any client and has no switch to demand it; the page always sends a
   * code challenge, and a code is redeemed only at the page's own redirect URL.
   */
  private studioClient(studioUrl: string): UserPoolClient {
    return this.userPool.addClient("Studio", {
      userPoolClientName: "code-rules studio",
      generateSecret: false,
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.PROFILE],
        callbackUrls: [studioUrl],
        logoutUrls: [studioUrl],
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      // A working day: the page keeps tokens in memory only, so a reload signs in again anyway.
      refreshTokenValidity: Duration.hours(8),
    });
  }
}
