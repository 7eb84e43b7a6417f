import { beforeEach, describe, expect, it } from "vitest";
import { RULE_SET_LIMITS } from "../../core/limits.js";
import { CACHED_VERSIONS, RuleLoader } from "../../lambda/rule-loader.js";
import type { LoaderEvent } from "../../lambda/rule-source.js";
import { verifierFor } from "../../store/signature.js";
import { MemoryRuleSource } from "../../support/memory-rule-source.js";
import { countingSource, totalContentReads } from "../support/counting-source.js";
import { withChangedText } from "../support/rule-sets.js";

/** What callers can make the loader read: every scenario counts the reads it cost. */

let memory: MemoryRuleSource;
let counting: ReturnType<typeof countingSource>;
let events: LoaderEvent[];
let clock: number;
let loader: RuleLoader;

const TTL_SECONDS = 5;

const publishVersions = async (count: number) => {
  for (let n = 1; n <= count; n += 1)
    await memory.publish(withChangedText(`text of version ${n}`), {
      actor: "test",
      message: `v${n}`,
    });
};

beforeEach(() => {
  memory = new MemoryRuleSource();
  counting = countingSource(memory);
  events = [];
  clock = 0;
  loader = new RuleLoader({
    source: counting.source,
    verify: verifierFor(memory.publicKey),
    ttlSeconds: TTL_SECONDS,
    report: (event) => events.push(event),
    now: () => clock,
  });
});

const pinAll = (versions: readonly number[]) =>
  Promise.all(versions.map((version) => loader.load({ version })));

describe("RuleLoader reads that callers cannot multiply", () => {
  it("answers 100 pins of distinct missing versions with one read of the version list per TTL window, and no content read", async () => {
    await publishVersions(1);
    const missing = Array.from({ length: 100 }, (_, i) => 1_000 + i);

    const answers = await pinAll(missing);
    expect(answers.every((a) => !a.ok && a.error.kind === "version-not-found")).toBe(true);
    // One read of the signed pointer (for its revoked versions) and one of the list, for all 100.
    expect(counting.reads).toMatchObject({ list: 1, pointer: 1 });
    expect(totalContentReads(counting.reads)).toBe(0);

    clock = TTL_SECONDS * 1000 - 1;
    await pinAll(missing);
    expect(counting.reads.list).toBe(1);

    clock = TTL_SECONDS * 1000;
    await pinAll(missing);
    expect(counting.reads.list).toBe(2);
  });

  it("reads a newly published version once for the first 100 concurrent requests after the publish", async () => {
    await publishVersions(1);
    await loader.load();
    await memory.publish(withChangedText("new"), {
      actor: "test",
      message: "v2",
    });
    clock = TTL_SECONDS * 1000;

    const answers = await Promise.all(Array.from({ length: 100 }, () => loader.load()));
    expect(answers.every((a) => a.ok && a.value.version === 2)).toBe(true);
    expect(counting.reads.content.get(2)).toBe(1);
    expect(events.filter((e) => e.kind === "version-loaded")).toHaveLength(2);
  });

  it("serves a version pinned before its publish once the pointer names it, within the same window", async () => {
    await publishVersions(1);
    expect(await loader.load({ version: 2 })).toMatchObject({
      ok: false,
      error: { kind: "version-not-found" },
    });
    await memory.publish(withChangedText("new"), {
      actor: "test",
      message: "v2",
    });
    clock = 1_000; // the pin's refusal stands for this window, but the pointer names the version
    expect(await loader.load()).toMatchObject({ ok: true, value: { version: 2, stale: false } });
    expect(await loader.load({ version: 2 })).toMatchObject({ ok: true, value: { version: 2 } });
  });

  it("reads each of 9 versions once however often pins cycle over them", async () => {
    await publishVersions(9);
    for (let round = 0; round < 20; round += 1) {
      const answers = await pinAll([1, 2, 3, 4, 5, 6, 7, 8, 9]);
      expect(answers.every((a) => a.ok)).toBe(true);
      clock += 1_000;
    }
    expect([...counting.reads.content.values()]).toEqual(Array(9).fill(1));
  });

  it(`keeps ${CACHED_VERSIONS} pinned versions besides the active one, so pins cycling over them never answer 503`, async () => {
    await publishVersions(CACHED_VERSIONS + 1);
    expect(await loader.load()).toMatchObject({
      ok: true,
      value: { version: CACHED_VERSIONS + 1 },
    });
    const pinned = Array.from({ length: CACHED_VERSIONS }, (_, i) => i + 1);
    for (let round = 0; round < 10; round += 1) {
      const answers = await pinAll(pinned);
      expect(answers.every((a) => a.ok)).toBe(true);
      expect((await loader.load()).ok).toBe(true);
      clock += 1_000;
    }
    expect(totalContentReads(counting.reads)).toBe(CACHED_VERSIONS + 1);
  });

  it(`reads at most ${CACHED_VERSIONS} versions not in memory per window when pins cycle over more`, async () => {
    await publishVersions(40);
    const all = Array.from({ length: 40 }, (_, i) => i + 1);
    const answers = await pinAll(all);
    expect(totalContentReads(counting.reads)).toBe(CACHED_VERSIONS);
    expect(answers.filter((a) => a.ok)).toHaveLength(CACHED_VERSIONS);
    expect(answers.find((a) => !a.ok)).toMatchObject({
      ok: false,
      error: { kind: "rules-unavailable", message: expect.stringContaining("retry later") },
    });
    await pinAll(all);
    expect(totalContentReads(counting.reads)).toBe(CACHED_VERSIONS);
    clock = TTL_SECONDS * 1000;
    await pinAll(all);
    expect(totalContentReads(counting.reads)).toBe(2 * CACHED_VERSIONS);
  });

  it("remembers a failed read until the next window: one read of each kind per use, one report, however many callers", async () => {
    await publishVersions(2);
    counting.fail(new Error("connect ECONNREFUSED 127.0.0.1:8300"));
    const pins = await pinAll(Array(50).fill(2));
    const active = await Promise.all(Array.from({ length: 50 }, () => loader.load()));
    for (const answer of [...pins, ...active]) {
      expect(answer).toMatchObject({ ok: false, error: { kind: "rules-unavailable" } });
      expect(JSON.stringify(answer)).not.toMatch(/ECONNREFUSED|8300/);
    }
    // The pins' read of the pointer (for its revocations) is their own; the active version's is
    // another: two, shared by all 50 of each. Only the reads a caller waits on are reported.
    expect(counting.reads).toMatchObject({ pointer: 2, list: 1 });
    expect(events.filter((e) => e.kind === "store-unreachable")).toHaveLength(2);
    expect(events[0]).toMatchObject({ reason: "Error: connect ECONNREFUSED 127.0.0.1:8300" });

    counting.fail(undefined);
    clock = TTL_SECONDS * 1000;
    expect(await loader.load({ version: 2 })).toMatchObject({ ok: true });
    expect(await loader.load()).toMatchObject({ ok: true, value: { version: 2, stale: false } });
  });

  it("sees a cached pinned version's revocation in the one version list read per window, with no read of its own", async () => {
    await publishVersions(3);
    expect((await pinAll([1, 2])).every((a) => a.ok)).toBe(true);
    expect(counting.reads.list).toBe(1);
    await memory.revoke(1, "wrong band");

    clock = TTL_SECONDS * 1000;
    const answers = await pinAll([...Array(50).fill(1), ...Array(50).fill(2)]);
    expect(answers.slice(0, 50).every((a) => !a.ok && a.error.kind === "revoked")).toBe(true);
    expect(answers.slice(50).every((a) => a.ok && a.value.version === 2)).toBe(true);
    expect(counting.reads.list).toBe(2);
    expect([...counting.reads.content.values()]).toEqual([1, 1]);

    // A window later the list is read once more, shared, so a revocation undone by hand heals.
    clock = 2 * TTL_SECONDS * 1000;
    expect(await loader.load({ version: 1 })).toMatchObject({
      ok: false,
      error: { kind: "revoked", message: "rule version 1 is revoked: wrong band" },
    });
    expect(counting.reads.list).toBe(3);
  });

  it("refuses a version whose metadata says it is past the limits without reading its content, as refused, not as an outage", async () => {
    await publishVersions(1);
    const huge = RULE_SET_LIMITS.rules + 1;
    const stored = await memory.listVersions();
    const [meta] = stored;
    if (!meta) throw new Error("no version");
    counting.source.listVersions = async () => [{ ...meta, ruleCount: huge }];

    expect(await loader.load()).toMatchObject({
      ok: false,
      error: { kind: "rules-unavailable" },
    });
    expect(await loader.load({ version: 1 })).toMatchObject({
      ok: false,
      error: {
        kind: "version-rejected",
        message: `rule version 1 refused: it holds ${huge} rules, over the limit of ${RULE_SET_LIMITS.rules} the function serves`,
      },
    });
    expect(totalContentReads(counting.reads)).toBe(0);
    expect(events.map((e) => e.kind)).toEqual(["version-rejected"]);
  });
});
