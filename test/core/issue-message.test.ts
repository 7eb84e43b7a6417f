import { describe, expect, it } from "vitest";
import * as z from "../../core/zod.js";

const messageOf = (schema: z.ZodMiniType, input: unknown): string[] => {
  const parsed = schema.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((issue) => issue.message);
};

describe("zod's messages, in the project's words", () => {
  it.each([
    ["a missing value", z.strictObject({ name: z.string() }), {}, "is required"],
    ["a wrong type", z.string(), 5, "must be a string"],
    ["a fraction where a whole number belongs", z.int(), 1.5, "must be a whole number"],
    ["an object expected", z.object({}), "x", "must be an object"],
    ["a list expected", z.array(z.string()), {}, "must be a list"],
    ["a number under its minimum", z.int().check(z.minimum(0)), -1, "must be at least 0"],
    ["a number over its maximum", z.int().check(z.maximum(9)), 10, "must be at most 9"],
    [
      "a string too short",
      z.string().check(z.minLength(1)),
      "",
      "must be at least 1 character(s) long",
    ],
    [
      "a list too long",
      z.array(z.unknown()).check(z.maxLength(2)),
      [1, 2, 3],
      "must have at most 2 item(s)",
    ],
    ["a value not in the list", z.enum(["days", "months"]), "weeks", "must be one of days, months"],
    ["an unknown field", z.strictObject({}), { dob: 1 }, "unknown field(s) dob"],
  ])("says what is wrong with %s", (_, schema, input, message) => {
    expect(messageOf(schema, input)).toEqual([message]);
  });

  it("leaves a schema's own message alone", () => {
    expect(messageOf(z.string({ error: "must name the band" }), 1)).toEqual(["must name the band"]);
  });
});
