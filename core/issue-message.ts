import type * as z from "zod/mini";

const EXPECTED: Readonly<Record<string, string>> = {
  string: "a string",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  object: "an object",
  array: "a list",
};

const SIZE: Readonly<Record<string, (bound: string) => string>> = {
  string: (bound) => `be ${bound} character(s) long`,
  array: (bound) => `have ${bound} item(s)`,
};

const sized = (origin: string, bound: string): string =>
  `must ${SIZE[origin]?.(bound) ?? `be ${bound}`}`;

/** The dotted path of the field an issue is about, or `whole` when it is about the input itself. */
export const issueField = (issue: z.core.$ZodIssue, whole: string): string =>
  issue.path.map(String).join(".") || whole;

/**
 * The message for a value of the wrong form, in the project's own plain words ("is required",
 * "must be a whole number"), for rule files and API requests alike; a schema's own `error` wins.
 * The field's path is not part of it: the callers put it in front.
 */
export const issueMessage = (issue: z.core.$ZodRawIssue): string => {
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined) return "is required";
      return `must be ${EXPECTED[issue.expected] ?? issue.expected}`;
    case "too_small":
      return sized(
        issue.origin,
        `${issue.inclusive === false ? "more than" : "at least"} ${issue.minimum}`,
      );
    case "too_big":
      return sized(
        issue.origin,
        `${issue.inclusive === false ? "less than" : "at most"} ${issue.maximum}`,
      );
    case "invalid_value":
      return `must be one of ${issue.values.map(String).join(", ")}`;
    case "unrecognized_keys":
      return `unknown field(s) ${issue.keys.join(", ")}`;
    default:
      return "is not valid here";
  }
};
