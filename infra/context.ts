import { Duration } from "aws-cdk-lib";
import { RetentionDays } from "aws-cdk-lib/aws-logs";
import type { Node } from "constructs";
import { issueField } from "../core/issue-message.js";
import * as z from "../core/zod.js";
import type { CodeRulesStackProps } from "./code-rules-stack.js";
import type { OrganisationIssuer } from "./sign-in-issuer.js";

// `cdk deploy -c key=value` passes every value as a string.
const number = z.coerce.number();
const positiveInteger = z.pipe(number, z.int().check(z.positive()));

/** A list in cdk.json, or one string from `-c`, its items separated by commas or spaces. */
const listOf = (item: z.ZodMiniString<string>) =>
  z.pipe(
    z.union([z.string(), z.array(z.string())]),
    z.pipe(
      z.transform((value: string | string[]) =>
        (Array.isArray(value) ? value : value.split(/[\s,]+/))
          .map((entry) => entry.trim())
          .filter((entry) => entry !== ""),
      ),
      z.array(item),
    ),
  );

const httpsUrl = z
  .string()
  .check(
    z.regex(
      /^https:\/\/[^\s/?#]+(\/[^\s?#]*)?$/,
      "must be an https URL with no query or fragment (https://login.example.org/tenant/v2.0)",
    ),
  );
const httpsOrigin = z
  .string()
  .check(
    z.regex(
      /^https:\/\/[^\s/?#]+$/,
      "must be https origins with no path (https://login.example.org)",
    ),
  );
const oneWord = (what: string) =>
  z.string().check(z.regex(/^\S+$/, `must be ${what}, with no spaces`));

/**
 * The context keys a deploy may set, in cdk.json or as `cdk deploy -c key=value`. Unset keys take
 * the stack's defaults.
 */
const contextSchema = z.object({
  "code-rules:stage": z
    .string()
    .check(z.regex(/^[a-z][a-z0-9-]{0,20}$/, "must be lowercase letters, digits and -")),
  "code-rules:rulesCacheTtlSeconds": z.optional(z.pipe(number, z.int().check(z.nonnegative()))),
  "code-rules:throttleRateLimit": z.optional(positiveInteger),
  "code-rules:throttleBurstLimit": z.optional(positiveInteger),
  "code-rules:reservedConcurrency": z.optional(positiveInteger),
  "code-rules:logRetentionDays": z.optional(z.pipe(number, z.enum(RetentionDays))),
  "code-rules:alarmEmail": z.optional(z.email("must be an email address")),
  "code-rules:alarmTopicArn": z.optional(
    z.string().check(z.startsWith("arn:", "must be an ARN (arn:...)")),
  ),
  "code-rules:account": z.optional(
    z.string().check(z.regex(/^\d{12}$/, "must be a 12-digit account id")),
  ),
  "code-rules:region": z.optional(z.string()),
  "code-rules:recordLockDays": z.optional(positiveInteger),
  "code-rules:bulkAuditExpiryDays": z.optional(positiveInteger),
  "code-rules:adminPrincipals": z.optional(
    listOf(
      z
        .string()
        .check(
          z.regex(
            /^arn:[a-z-]+:iam::\d{12}:(role|user)\/\S+$/,
            "must be IAM role or user ARNs (arn:aws:iam::123456789012:role/...)",
          ),
        ),
    ),
  ),
  // An organisation's own issuer for the studio, instead of the stack's Cognito user pool.
  "code-rules:oidcIssuer": z.optional(httpsUrl),
  "code-rules:oidcAudience": z.optional(oneWord("the studio's client id at the issuer")),
  "code-rules:oidcGroupsClaim": z.optional(oneWord("the name of the token claim listing groups")),
  "code-rules:oidcSignInOrigins": z.optional(listOf(httpsOrigin)),
  "code-rules:tableWriteTrail": z.optional(
    z.pipe(
      z.union([z.boolean(), z.enum(["true", "false"])]),
      z.transform((value) => value === true || value === "true"),
    ),
  ),
});

type Context = z.infer<typeof contextSchema>;

/** The stack's props from the app's context; refuses, naming each key, what it cannot use. */
export const stackPropsFromContext = (node: Node): CodeRulesStackProps => {
  const keys = Object.keys(contextSchema.shape) as (keyof Context)[];
  const parsed = contextSchema.safeParse(
    Object.fromEntries(keys.map((key) => [key, node.tryGetContext(key)])),
  );
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `  ${issueField(issue, "(context)")}: ${issue.message}`,
    );
    throw new Error(`invalid code-rules context:\n${problems.join("\n")}`);
  }
  const context = parsed.data;
  const rate = context["code-rules:throttleRateLimit"];
  const burst = context["code-rules:throttleBurstLimit"];
  const email = context["code-rules:alarmEmail"];
  const topicArn = context["code-rules:alarmTopicArn"];
  const account = context["code-rules:account"];
  const region = context["code-rules:region"];
  requireBoth(rate, burst, "code-rules:throttleRateLimit", "code-rules:throttleBurstLimit");
  requireBoth(account, region, "code-rules:account", "code-rules:region");
  const organisationIssuer = organisationIssuerFrom(context);
  if (email && topicArn) {
    throw new Error("set code-rules:alarmEmail or code-rules:alarmTopicArn, not both");
  }
  const ttl = context["code-rules:rulesCacheTtlSeconds"];
  const lockDays = context["code-rules:recordLockDays"];
  const expiryDays = context["code-rules:bulkAuditExpiryDays"];
  const adminPrincipals = context["code-rules:adminPrincipals"];
  return {
    stage: context["code-rules:stage"],
    rulesCacheTtl: ttl === undefined ? undefined : Duration.seconds(ttl),
    throttle:
      rate === undefined || burst === undefined
        ? undefined
        : { rateLimit: rate, burstLimit: burst },
    reservedConcurrency: context["code-rules:reservedConcurrency"],
    logRetention: context["code-rules:logRetentionDays"],
    alarmNotifications: email ? { email } : topicArn ? { topicArn } : undefined,
    tableWriteTrail: context["code-rules:tableWriteTrail"],
    recordLock: lockDays === undefined ? undefined : Duration.days(lockDays),
    bulkAuditExpiry: expiryDays === undefined ? undefined : Duration.days(expiryDays),
    adminPrincipals: adminPrincipals?.length ? adminPrincipals : undefined,
    organisationIssuer,
    // Environment-agnostic unless given: `cdk synth` then needs no credentials.
    env: account && region ? { account, region } : undefined,
  };
};

/** The organisation's issuer the context names, if any; its other keys mean nothing without one. */
const organisationIssuerFrom = (context: Context): OrganisationIssuer | undefined => {
  const issuer = context["code-rules:oidcIssuer"];
  const audience = context["code-rules:oidcAudience"];
  const groupsClaim = context["code-rules:oidcGroupsClaim"];
  const signInOrigins = context["code-rules:oidcSignInOrigins"];
  requireBoth(issuer, audience, "code-rules:oidcIssuer", "code-rules:oidcAudience");
  if (issuer === undefined || audience === undefined) {
    if (groupsClaim !== undefined || signInOrigins !== undefined) {
      throw new Error(
        "code-rules:oidcGroupsClaim and code-rules:oidcSignInOrigins apply to an organisation's issuer: set code-rules:oidcIssuer and code-rules:oidcAudience too",
      );
    }
    return undefined;
  }
  return { issuer, audience, groupsClaim, signInOrigins };
};

const requireBoth = (a: unknown, b: unknown, nameA: string, nameB: string): void => {
  if ((a === undefined) !== (b === undefined))
    throw new Error(`set ${nameA} and ${nameB} together`);
};
