import { describe, expect, it } from "vitest";
import type { StoreRefusal } from "../../admin/store-refusal.js";
import { refusalReply } from "../../studio/refusal-reply.js";

const NO_DIFF = async () => null;

describe("the studio saying the store's refusal", () => {
  it.each<{ refusal: StoreRefusal; status: number }>([
    {
      refusal: {
        kind: "approval",
        reason: "r",
        message: "publish refused: r; nothing was written",
      },
      status: 422,
    },
    {
      refusal: { kind: "request-refused", request: 3, message: "change request 3: no" },
      status: 422,
    },
    {
      refusal: {
        kind: "request-not-found",
        request: 3,
        message: "change request 3 does not exist",
      },
      status: 404,
    },
    {
      refusal: { kind: "version-not-found", version: 9, message: "version 9 is not a published" },
      status: 404,
    },
    {
      refusal: { kind: "changed-meanwhile", message: "change request 3 changed meanwhile" },
      status: 409,
    },
    {
      refusal: { kind: "audit-broken", message: "the audit trail fails its check" },
      status: 409,
    },
    { refusal: { kind: "invalid-setting", message: "at least 1" }, status: 422 },
    { refusal: { kind: "alarm-not-raised", message: "no alarm" }, status: 422 },
  ])("answers $refusal.kind with $status, in the store's words", async ({ refusal, status }) => {
    const { request } = refusal as { request?: number };
    expect(await refusalReply(refusal, NO_DIFF)).toEqual({
      status,
      body: {
        error: refusal.message,
        refused: refusal.kind,
        ...(request === undefined ? {} : { request }),
      },
    });
  });

  it("answers a conflict with 409 and what changed in between", async () => {
    const diff = {
      procedures: { added: [], removed: [], changed: [] },
      rules: { added: ["r"], removed: [], changed: [] },
    };
    const answer = await refusalReply(
      { kind: "conflict", expected: 1, active: 2, message: "expected version 1 …" },
      async (expected, active) => (expected === 1 && active === 2 ? diff : null),
    );
    expect(answer).toEqual({
      status: 409,
      body: {
        error: "expected version 1 …",
        refused: "conflict",
        conflict: { expected: 1, active: 2, diff },
      },
    });
  });
});
