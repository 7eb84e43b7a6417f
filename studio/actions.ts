import { withoutContent } from "../admin/change-request.js";
import type { RuleStore } from "../admin/rule-store.js";
import type { StoreRefusal } from "../admin/store-refusal.js";
import { diffRuleSets } from "../core/diff.js";
import type { RuleSet } from "../core/rule-set.js";
import { EMPTY_RULE_SET } from "../core/validate.js";
import * as z from "../core/zod.js";
import { readRuleCsv, ruleCsvText } from "../rule-files/rule-csv.js";
import { refusalReply } from "./refusal-reply.js";
import { badBody, type Reply, refusedWith, reply } from "./reply.js";
import { requestSummary } from "./request-summary.js";

export interface Acting {
  /** Who acts, as the admin's credentials say (the CLI's own identity lookup). */
  readonly actor: string;
  readonly actorNote?: string | undefined;
  /**
   * Dates of service before this day (YYYY-MM-DD) are past, for a rollback (never earlier than the
   * store's own today); a proposal is judged on the store's clock, as the CLI's is.
   */
  readonly today: () => string;
}

const proposeBody = z.strictObject({
  content: z.unknown(),
  baseVersion: z.nullable(z.int()),
  title: z.string().check(z.minLength(1, { error: "say what the change is and why" })),
  /** The author asks leave to change answers for past dates of service; the approver gives it. */
  allowPastChanges: z.boolean(),
});

const rollbackBody = z.strictObject({
  version: z.int(),
  expectVersion: z.nullable(z.int()),
  message: z.string().check(z.minLength(1, { error: "say why you roll back" })),
});

/**
 * The studio's actions on the rules table. A thin door: it asks the store, whose change policy
 * decides whether a change may go live, and says the store's answer. A draft goes live only as a
 * change request a second person approves (with the CLI, until the studio deployed with the stack
 * reviews in the browser); a rollback is one admin's, and with no leave to give.
 */
export class StudioActions {
  constructor(
    private readonly store: RuleStore,
    private readonly acting: Acting,
  ) {}

  async versions(): Promise<Reply> {
    const [versions, audit, pointer] = await Promise.all([
      this.store.listVersions(),
      this.store.audit(),
      this.store.activePointer(),
    ]);
    return reply(200, { active: pointer?.version ?? null, versions, audit });
  }

  /** A published version's rules, shown only once they pass the function's own checks. */
  async version(version: number): Promise<Reply> {
    const published = await this.store.readPublished(version);
    if (!published.ok) return this.refusal(published.error);
    const { meta, ruleSet } = published.value;
    return reply(200, { meta, content: ruleSet });
  }

  async csv(version: number): Promise<Reply> {
    const ruleSet = await this.published(version);
    if (!ruleSet) return refusedWith(404, `version ${version} is not a published version`);
    return reply(200, ruleCsvText(ruleSet, version));
  }

  /** A CSV sheet read into a draft; its rules are checked in the page, as any draft's are. */
  readCsv(text: string): Reply {
    const read = readRuleCsv("the uploaded file", text);
    if (!read.ok) return refusedWith(400, read.error);
    return reply(200, { content: read.value.content, baseVersion: read.value.baseVersion ?? null });
  }

  /** Every change request, newest first, without its rules: what the page lists read-only. */
  async requests(): Promise<Reply> {
    const listed = await this.store.requests.listWithApprovals();
    if (!listed.ok) return this.refusal(listed.error);
    const { approvalsRequired, requests } = listed.value;
    return reply(200, {
      approvalsRequired,
      requests: requests.map(({ request, approvers }) =>
        requestSummary(request, approvers, approvalsRequired),
      ),
    });
  }

  /**
   * Proposes the draft as a change request against the version it started from. The store checks
   * its rules and judges it; the answer is the request as created, without its rules.
   */
  async propose(input: unknown): Promise<Reply> {
    const body = proposeBody.safeParse(input);
    if (!body.success) return badBody(body.error);
    const { content, baseVersion, title, allowPastChanges } = body.data;
    const created = await this.store.requests.create(
      { title, content, baseVersion, allowPastChanges },
      this.who(),
    );
    if (!created.ok) return this.refusal(created.error);
    return reply(201, { request: withoutContent(created.value) });
  }

  async rollback(input: unknown): Promise<Reply> {
    const body = rollbackBody.safeParse(input);
    if (!body.success) return badBody(body.error);
    const { version, expectVersion, message } = body.data;
    const result = await this.store.rollback(version, {
      ...this.who(),
      message,
      expectVersion,
      asOf: this.acting.today(),
    });
    if (!result.ok) return this.refusal(result.error);
    return reply(200, { active: version });
  }

  private who() {
    return { actor: this.acting.actor, actorNote: this.acting.actorNote };
  }

  /** A version's rules, when it is published and passes the function's checks: only those are ever served. */
  private async published(version: number): Promise<RuleSet | undefined> {
    const published = await this.store.readPublished(version);
    return published.ok ? published.value.ruleSet : undefined;
  }

  private refusal(refusal: StoreRefusal): Promise<Reply> {
    return refusalReply(refusal, async (expected, active) => {
      // Someone else moved the active version: what changed in between, for the page to show.
      const [from, to] = await Promise.all([
        expected === null ? EMPTY_RULE_SET : this.published(expected),
        active === null ? EMPTY_RULE_SET : this.published(active),
      ]);
      return from && to ? diffRuleSets(from, to) : null;
    });
  }
}
