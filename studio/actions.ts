import type { RuleStore } from "../admin/rule-store.js";
import type { StoreRefusal } from "../admin/store-refusal.js";
import { diffRuleSets } from "../core/diff.js";
import { impactJson } from "../core/impact.js";
import { validateForPublish } from "../core/publish-checks.js";
import type { RuleSet } from "../core/rule-set.js";
import { EMPTY_RULE_SET, validateRuleSet } from "../core/validate.js";
import * as z from "../core/zod.js";
import { readRuleCsv, ruleCsvText } from "../rule-files/rule-csv.js";

/** What the studio answers: a status and a JSON body (or CSV text for a download). */
export interface Reply {
  readonly status: number;
  readonly body: unknown;
}

const reply = (status: number, body: unknown): Reply => ({ status, body });
const refusedWith = (status: number, error: string, extra: object = {}): Reply =>
  reply(status, { error, ...extra });

/** A request body the schema refused: each problem as "path: message", on one line. */
const badBody = (error: z.core.$ZodError): Reply =>
  refusedWith(400, error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));

export interface Acting {
  /** Who acts, as the admin's credentials say (the CLI's own identity lookup). */
  readonly actor: string;
  readonly actorNote?: string | undefined;
  /** Dates of service before this day (YYYY-MM-DD) are past. */
  readonly today: () => string;
}

const publishBody = z.strictObject({
  content: z.unknown(),
  baseVersion: z.nullable(z.int()),
  message: z.string().check(z.minLength(1, { error: "say why this version exists" })),
  allowPastChanges: z.boolean(),
});

const rollbackBody = z.strictObject({
  version: z.int(),
  expectVersion: z.nullable(z.int()),
  message: z.string().check(z.minLength(1, { error: "say why you roll back" })),
  allowPastChanges: z.boolean(),
});

/**
 * The studio's actions on the rules table, through the same store and change policy the CLI uses:
 * it asks the store what a move would change and whether it may go live, and says the store's
 * answer; the page's confirmation of past changes is the admin's leave.
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

  async version(version: number): Promise<Reply> {
    const stored = await this.store.readVersion(version);
    if (!stored) return refusedWith(404, `there is no version ${version}`);
    const validated = validateRuleSet(stored.content);
    return reply(200, {
      meta: stored.meta,
      content: stored.content,
      problems: validated.ok ? [] : validated.error,
    });
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

  async publish(input: unknown): Promise<Reply> {
    const body = publishBody.safeParse(input);
    if (!body.success) return badBody(body.error);
    const { content, baseVersion, message, allowPastChanges } = body.data;
    const validated = validateForPublish(content);
    if (!validated.ok)
      return refusedWith(422, "the draft has problems; nothing was written", {
        problems: validated.error,
      });
    const change = { expectVersion: baseVersion, asOf: this.acting.today(), allowPastChanges };
    const checked = await this.store.previewMove("publish", validated.value, change);
    if (!checked.ok) return this.storeRefusal(checked.error);
    const result = await this.store.publish(validated.value, { ...this.who(), message, ...change });
    if (!result.ok) return this.storeRefusal(result.error);
    return reply(200, {
      published: result.value,
      impact: impactJson(checked.value.verdict.regions),
    });
  }

  async rollback(input: unknown): Promise<Reply> {
    const body = rollbackBody.safeParse(input);
    if (!body.success) return badBody(body.error);
    const { version, expectVersion, message, allowPastChanges } = body.data;
    const target = await this.published(version);
    if (!target) return refusedWith(404, `version ${version} is not a published version`);
    const change = { expectVersion, asOf: this.acting.today(), allowPastChanges };
    const checked = await this.store.previewMove("rollback", target, change);
    if (!checked.ok) return this.storeRefusal(checked.error);
    const result = await this.store.rollback(version, { ...this.who(), message, ...change });
    if (!result.ok) return this.storeRefusal(result.error);
    return reply(200, { active: version, impact: impactJson(checked.value.verdict.regions) });
  }

  private who() {
    return { actor: this.acting.actor, actorNote: this.acting.actorNote };
  }

  /** A version's rules, when it is published and passes the function's checks: only those are ever served. */
  private async published(version: number): Promise<RuleSet | undefined> {
    const published = await this.store.readPublished(version);
    return published.ok ? published.value.ruleSet : undefined;
  }

  /** Someone else moved the active version: say from what to what, and what changed in between. */
  private async conflict(expected: number | null, active: number | null): Promise<Reply> {
    const [from, to] = await Promise.all([
      expected === null ? EMPTY_RULE_SET : this.published(expected),
      active === null ? EMPTY_RULE_SET : this.published(active),
    ]);
    const describe = (v: number | null) => (v === null ? "no version" : `version ${v}`);
    return refusedWith(
      409,
      `your draft started from ${describe(expected)}, but ${describe(active)} is active now; nothing was written and your draft is kept`,
      {
        conflict: { expected, active, diff: from && to ? diffRuleSets(from, to) : null },
      },
    );
  }

  /** The store's refusal, in the store's words, with what the page needs to show it. */
  private storeRefusal(refusal: StoreRefusal): Promise<Reply> | Reply {
    switch (refusal.kind) {
      case "conflict":
        return this.conflict(refusal.expected, refusal.active);
      case "past-changes":
        return refusedWith(422, `${refusal.message}. Confirm that this is meant.`, {
          refused: refusal.kind,
          asOf: refusal.asOf,
          regions: impactJson(refusal.regions),
        });
      case "removals":
      case "invalid-rules":
      case "unservable":
        return refusedWith(422, refusal.message, { problems: refusal.problems });
      default:
        return refusedWith(422, refusal.message);
    }
  }
}
