import type { AgeProblem, AgeUnit } from "./age.js";
import { type DateProblem, parseIsoDate } from "./calendar-date.js";
import { compiledOf } from "./compiled-rule-set.js";
import { selectIn } from "./compiled-selection.js";
import type { GestationalAge } from "./gestation.js";
import type { Result } from "./result.js";
import type { RuleSet } from "./rule-set.js";

/** An age given instead of a date of birth: "5 years", "71 months", "2191 days". */
export interface GivenAge {
  readonly value: number;
  readonly unit: AgeUnit;
}

export type SelectionRequest = {
  readonly procedure: string;
  /** YYYY-MM-DD */
  readonly dateOfService: string;
  /** Decides only where a rule limits age from conception; without it every gestational age counts. */
  readonly gestationalAgeAtBirth?: GestationalAge | undefined;
  /** Present body weight in whole grams: decides only where a rule limits weight. */
  readonly weightGrams?: number | undefined;
  /** The payer program: decides only where a rule is limited to some programs. */
  readonly payer?: string | undefined;
} & (
  | { readonly dateOfBirth: string; readonly age?: undefined }
  | { readonly age: GivenAge; readonly dateOfBirth?: undefined }
);

/** The parts of the period since birth that the input fixes; a given age in years fixes only years. */
export interface KnownAge {
  readonly years?: number;
  readonly months?: number;
  readonly days?: number;
}

export interface Selection {
  readonly code: string;
  /** The rule's text joined with the ages its band holds (servedText): one sentence. */
  readonly text: string;
  readonly procedure: string;
  readonly ruleId: string;
  readonly band: string;
  readonly dateOfService: string;
  readonly age: KnownAge;
  readonly explanation: string;
}

export type SelectionRefusal =
  | DateProblem
  | AgeProblem
  | { readonly kind: "invalid-age"; readonly message: string }
  | { readonly kind: "unknown-procedure"; readonly procedure: string; readonly message: string }
  | { readonly kind: "no-rule-in-effect"; readonly procedure: string; readonly message: string }
  | {
      readonly kind: "age-not-covered";
      readonly procedure: string;
      /** Where the procedure does have codes, so a tool can point the coder elsewhere. */
      readonly codesByAge: readonly CodeForAges[];
      readonly message: string;
    }
  | {
      readonly kind: "weight-not-covered";
      readonly procedure: string;
      /** The codes of the band that holds the age, and the weights each is for. */
      readonly codesByWeight: readonly CodeForWeights[];
      readonly message: string;
    }
  | {
      readonly kind: "unknown-payer";
      readonly payer: string;
      /** The payer programs the rules declare. */
      readonly declared: readonly string[];
      readonly message: string;
    }
  | {
      readonly kind: "ambiguous-age";
      /** The inputs that would decide: a finer age (in `decidingUnit`), the gestational age, the weight, the payer. */
      readonly decidingInputs: readonly DecidingInput[];
      readonly decidingUnit?: AgeUnit;
      readonly codes: readonly string[];
      readonly message: string;
    };

/** The request fields that can decide between codes the input leaves open. */
export const DECIDING_INPUTS = ["age", "gestationalAgeAtBirth", "weightGrams", "payer"] as const;
export type DecidingInput = (typeof DECIDING_INPUTS)[number];

/** One code of a procedure and the ages it is for. */
export interface CodeForAges {
  readonly code: string;
  readonly band: string;
}

/** One code of a band split by weight and the weights it is for. */
export interface CodeForWeights {
  readonly code: string;
  readonly weight: string;
}

/** What a request says of the patient and the date of service: all of it but the procedure. */
export type PatientRequest = DistributiveOmit<SelectionRequest, "procedure">;

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** Picks the one rule whose band holds the patient's age on the date of service, and says why. */
export const select = (
  ruleSet: RuleSet,
  request: SelectionRequest,
): Result<Selection, SelectionRefusal> => {
  const dateOfService = parseIsoDate(request.dateOfService, "dateOfService");
  if (!dateOfService.ok) return dateOfService;
  return selectIn(compiledOf(ruleSet), request.procedure, dateOfService.value, request);
};
