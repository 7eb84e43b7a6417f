import * as z from "../core/zod.js";

/**
 * The bodies the studio's API takes. They hold only the shape: what a title, a comment or a rule
 * set may say is the change policy's to judge (admin/), which every door asks.
 */

const text = (what: string) =>
  z.string().check(z.minLength(1, { error: `say ${what}` }), z.maxLength(2000));

const version = z.int().check(z.minimum(1));

/** A rule set as the rule files and the version items hold it; the store validates it whole. */
const ruleSetContent = z.unknown().register(z.globalRegistry, {
  description:
    "The whole rule set the change would make active: `procedures` and `rules`, as `GET /admin/v1/versions/{version}` answers `content`",
});

const leave = {
  allowPastChanges: z.optional(
    z.boolean().register(z.globalRegistry, {
      description:
        "The author asks leave to change answers for dates of service already past; the approver gives it",
    }),
  ),
  allowRemovals: z.optional(
    z.boolean().register(z.globalRegistry, {
      description: "The author asks leave to take procedures or codes away",
    }),
  ),
};

export const proposalSchema = z
  .strictObject({
    title: text("what changes and why"),
    description: z.optional(z.string().check(z.maxLength(10_000))),
    content: ruleSetContent,
    baseVersion: z.nullable(version),
    draft: z.optional(
      z.boolean().register(z.globalRegistry, {
        description: "Keep it as a draft, out of review, until it is submitted",
      }),
    ),
    ...leave,
  })
  .register(z.globalRegistry, { id: "ChangeRequestProposal" });

export const editSchema = z
  .strictObject({
    content: ruleSetContent,
    expectRevision: z.int().check(z.minimum(1)).register(z.globalRegistry, {
      description: "The revision the edit was made on: refused with 409 when it is not the latest",
    }),
    title: z.optional(text("what changes and why")),
    ...leave,
  })
  .register(z.globalRegistry, { id: "ChangeRequestEdit" });

export const commentSchema = z
  .strictObject({ text: text("something") })
  .register(z.globalRegistry, { id: "ChangeRequestComment" });

export const rejectionSchema = z
  .strictObject({ reason: text("why it is rejected") })
  .register(z.globalRegistry, { id: "ChangeRequestRejection" });

export const resolutionSchema = z
  .strictObject({
    rule: z.string().register(z.globalRegistry, {
      description: "The conflict's rule key, as the request's `conflicts` name it",
    }),
    side: z.enum(["mine", "theirs"]).register(z.globalRegistry, {
      description: "Keep the request's rule (`mine`) or the active version's (`theirs`)",
    }),
  })
  .register(z.globalRegistry, { id: "ConflictResolution" });

export const rollbackSchema = z
  .strictObject({
    version,
    expectVersion: z.nullable(version),
    message: text("why you roll back"),
  })
  .register(z.globalRegistry, { id: "Rollback" });

export const revocationSchema = z
  .strictObject({ reason: text("why the version is revoked") })
  .register(z.globalRegistry, { id: "Revocation" });
