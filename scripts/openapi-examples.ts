/**
 * The requests the reference page shows for each operation: realistic ones for the statuses that
 * depend on the rules; example-answers.ts adds the generic ones (405, 413, 500, 503). Their answers
 * are not written here: example-answers.ts asks the API itself, so an example can never say what
 * the API does not.
 */
import { MAX_BATCH_ITEMS, MAX_BODY_BYTES } from "../http/request-schemas.js";
import type { CallerOperationId } from "../http/routes.js";

/** How the rules store behaves for an example: as a served version, down, or failing. */
export type StoreState = "serving" | "unavailable" | "failing";

export interface ExampleRequest {
  /** The example's key in the document. */
  readonly name: string;
  /** What the reference page calls it. */
  readonly summary: string;
  /** The JSON body; `text` instead for a body that is not JSON or too large to show. */
  readonly body?: unknown;
  readonly text?: string;
  /** Another method or path than the operation's own, for a 405 or a 500 it shares. */
  readonly method?: string;
  readonly path?: string;
  readonly store?: StoreState;
  /** Shows only part of a long answer. */
  readonly shown?: (body: unknown) => unknown;
}

const ON_SERVICE = { dateOfService: "2026-11-24" };
const ECMO_CANNULA = "ecmo-cannula-insertion-percutaneous";
const HERNIA = "inguinal-hernia-repair-initial-reducible";

const INTENSIVE_LATER_DAY = "intensive-care-not-critical-subsequent-day";
const GI_SEDATION = "moderate-sedation-initial-by-endoscopist-gi-endoscopy";

const twentyDayOld = { procedure: INTENSIVE_LATER_DAY, dateOfBirth: "2026-11-04", ...ON_SERVICE };
const sixYearOldSedated = {
  procedure: GI_SEDATION,
  dateOfBirth: "2019-01-15",
  dateOfService: "2025-06-01",
};

const fourYearOld = { procedure: ECMO_CANNULA, dateOfBirth: "2022-03-14", ...ON_SERVICE };
const threeMonthOld = { procedure: HERNIA, dateOfBirth: "2026-08-20", ...ON_SERVICE };
const unknownCode = { code: "99999", dateOfBirth: "2022-03-14", ...ON_SERVICE };
const billedForFourYearOld = { code: "33952", dateOfBirth: "2022-03-14", ...ON_SERVICE };

const selectRequests: ExampleRequest[] = [
  { name: "byDateOfBirth", summary: "A 4-year-old, by date of birth", body: fourYearOld },
  {
    name: "byAge",
    summary: "A 4-year-old, by age in years",
    body: { procedure: ECMO_CANNULA, age: { value: 4, unit: "years" }, ...ON_SERVICE },
  },
  {
    name: "bornPreterm",
    summary: "A hernia repair at 3 months, born at 32+4 weeks",
    body: { ...threeMonthOld, gestationalAgeAtBirth: { weeks: 32, days: 4 } },
  },
  {
    name: "gestationalAgeMissing",
    summary: "A hernia repair at 3 months, without the gestational age at birth that decides",
    body: threeMonthOld,
  },
  {
    name: "byPresentWeight",
    summary: "Intensive care on a later day for a 20-day-old weighing 1,400 g",
    body: { ...twentyDayOld, weightGrams: 1400 },
  },
  {
    name: "weightMissing",
    summary: "Intensive care on a later day, without the present weight that decides",
    body: twentyDayOld,
  },
  {
    name: "weightOutsideEveryBand",
    summary: "Intensive care on a later day at 5,200 g: the codes stop at 5,000 g",
    body: { ...twentyDayOld, weightGrams: 5200 },
  },
  {
    name: "byPayer",
    summary: "Sedation by the endoscopist for a 6-year-old on Medicare",
    body: { ...sixYearOldSedated, payer: "medicare" },
  },
  {
    name: "payerMissing",
    summary: "Sedation by the endoscopist for a 6-year-old, without the payer that decides",
    body: sixYearOldSedated,
  },
  {
    name: "payerNotDeclared",
    summary: "A payer program the rules do not declare",
    body: { ...sixYearOldSedated, payer: "acme-health" },
  },
  {
    name: "ageSpansBandEdge",
    summary: "Neonatal critical care for an age of 0 months: 28 days is the edge",
    body: {
      procedure: "neonatal-pediatric-critical-care-initial-day",
      age: { value: 0, unit: "months" },
      ...ON_SERVICE,
    },
  },
  {
    name: "dateOfBirthAndAge",
    summary: "Both a date of birth and an age",
    body: { ...fourYearOld, age: { value: 4, unit: "years" } },
  },
  {
    name: "unknownProcedure",
    summary: "A procedure key no procedure has",
    body: { ...fourYearOld, procedure: "ecmo-cannula-insertion" },
  },
];

const checkRequests: ExampleRequest[] = [
  { name: "inconsistent", summary: "33952 billed for a 4-year-old", body: billedForFourYearOld },
  {
    name: "twoProcedures",
    summary: "33960 billed in 2026: it stood for two procedures before 2015",
    body: { code: "33960", dateOfBirth: "1980-01-01", ...ON_SERVICE },
  },
  {
    name: "gestationalAgeMissing",
    summary: "49495 billed at 3 months without the gestational age at birth, which decides",
    body: { code: "49495", dateOfBirth: "2026-08-20", ...ON_SERVICE },
  },
  {
    name: "billedForPayer",
    summary: "99152 billed for sedation during GI endoscopy of a 6-year-old on Medicare",
    body: { code: "99152", ...sixYearOldSedated, payer: "medicare" },
  },
  {
    name: "malformedCode",
    summary: "A code of four digits",
    body: { ...billedForFourYearOld, code: "3395" },
  },
  { name: "unknownCode", summary: "A code no rule has", body: unknownCode },
];

const emptyBatch: ExampleRequest = {
  name: "emptyBatch",
  summary: "A batch without items",
  body: { items: [] },
};

const tooManyItems = (item: unknown): ExampleRequest => ({
  name: "tooManyItems",
  summary: `A batch of ${MAX_BATCH_ITEMS + 1} items`,
  body: { items: Array.from({ length: MAX_BATCH_ITEMS + 1 }, () => item) },
});

const onlyOneProcedure = (body: unknown) => {
  const { ruleVersion, procedures } = body as {
    ruleVersion: number;
    procedures: { key: string }[];
  };
  return { ruleVersion, procedures: procedures.filter(({ key }) => key === ECMO_CANNULA) };
};

/** Each operation's own example requests. */
export const EXAMPLE_REQUESTS: Readonly<Record<CallerOperationId, readonly ExampleRequest[]>> = {
  selectCode: selectRequests,
  selectCodes: [
    {
      name: "twoPatients",
      summary:
        "A 4-year-old, a hernia repair the gestational age decides, and intensive care by weight",
      body: { items: [fourYearOld, threeMonthOld, { ...twentyDayOld, weightGrams: 1500 }] },
    },
    emptyBatch,
    tooManyItems(fourYearOld),
  ],
  checkCode: checkRequests,
  checkCodes: [
    {
      name: "twoClaimLines",
      summary: "33952 billed for a 4-year-old, and a code no rule has",
      body: { items: [billedForFourYearOld, unknownCode] },
    },
    emptyBatch,
    tooManyItems(billedForFourYearOld),
  ],
  listProcedures: [
    {
      name: "procedures",
      summary: "The active version's procedures (one shown here)",
      shown: onlyOneProcedure,
    },
  ],
  getActiveVersion: [{ name: "activeVersion", summary: "The active version" }],
  getHealth: [{ name: "serving", summary: "Serving the active version" }],
  getOpenApiDocument: [],
};

/** An oversized body, for the 413 of an operation that reads one. */
export const OVERSIZED_BODY = "x".repeat(MAX_BODY_BYTES + 1);
