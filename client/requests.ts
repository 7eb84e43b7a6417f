import type { components } from "./openapi-types.js";

type Schemas = components["schemas"];

/**
 * Each member of a union with the other members' fields typed `never`: the contract's `oneOf`
 * (a date of birth, or an age) becomes a type a request with both fails, instead of a 400.
 */
type Exclusive<
  Union,
  Keys extends PropertyKey = Union extends unknown ? keyof Union : never,
> = Union extends unknown
  ? Union & { readonly [Key in Exclude<Keys, keyof Union>]?: never }
  : never;

/** The code for one procedure: `dateOfBirth` with `dateOfService`, or `age`; never both. */
export type SelectRequest = Exclusive<Schemas["SelectRequest"]>;

/** A billed code and the patient: `dateOfBirth` with `dateOfService`, or `age`; never both. */
export type CheckRequest = Exclusive<Schemas["CheckRequest"]>;

export interface BatchRequest {
  items: SelectRequest[];
}

export interface CheckBatchRequest {
  items: CheckRequest[];
}
