import { diffRuleSets } from "../../core/diff.js";
import { revocationSchema, rollbackSchema } from "../../http/admin-schemas.js";
import type { Answers } from "../../http/app.js";
import type { AdminOperationId } from "../../http/routes.js";
import { namesIn } from "../verified-trail.js";
import type { AdminDeps } from "./admin-deps.js";
import {
  answered,
  asPerson,
  notANumber,
  numberParam,
  type PersonAnswer,
  parsed,
} from "./signed-in.js";
import { actingOf } from "./studio-person.js";

type VersionOperation = Extract<
  AdminOperationId,
  "listVersions" | "getVersion" | "diffVersions" | "getAuditTrail" | "rollBack" | "revokeVersion"
>;

const listVersions: PersonAnswer = async (_, __, deps) => {
  const [versions, pointer] = await Promise.all([
    deps.store.listVersions(),
    deps.store.activePointer(),
  ]);
  return { status: 200, body: { active: pointer?.version ?? null, versions } };
};

/** A published version's rules, shown only once they pass the function's own checks. */
const showVersion: PersonAnswer = async (_, input, deps) => {
  const version = numberParam(input, "version");
  if (version === undefined) return notANumber("version", input);
  const published = await deps.store.readPublished(version);
  return answered(published, ({ meta, ruleSet }) => ({ meta, content: ruleSet }));
};

const diffVersions: PersonAnswer = async (_, input, deps) => {
  const from = numberParam(input, "version");
  if (from === undefined) return notANumber("version", input);
  const to = numberParam(input, "other");
  if (to === undefined) return notANumber("other", input);
  const [before, after] = await Promise.all([
    deps.store.readPublished(from),
    deps.store.readPublished(to),
  ]);
  if (!before.ok) return answered(before, () => null);
  return answered(after, ({ ruleSet }) => ({
    from,
    to,
    diff: diffRuleSets(before.value.ruleSet, ruleSet),
  }));
};

const auditTrail: PersonAnswer = async (_, __, deps) => {
  const entries = await deps.store.audit();
  return { status: 200, body: { entries, people: namesIn(entries) } };
};

const rollBack: PersonAnswer = async (person, input, deps) => {
  const read = parsed(rollbackSchema, input.body);
  if (!read.ok) return read.answer;
  const { version, expectVersion, message } = read.value;
  const result = await deps.store.rollback(version, {
    ...actingOf(person),
    message,
    expectVersion,
    asOf: deps.today(),
  });
  return answered(result, (meta) => ({ active: version, meta }));
};

const revoke: PersonAnswer = async (person, input, deps) => {
  const version = numberParam(input, "version");
  if (version === undefined) return notANumber("version", input);
  const read = parsed(revocationSchema, input.body);
  if (!read.ok) return read.answer;
  const result = await deps.store.revoke(version, {
    ...actingOf(person),
    reason: read.value.reason,
  });
  return answered(result, (meta) => ({ meta }));
};

/** The studio's version routes: reading for every editor, rolling back and revoking for approvers. */
export const VERSION_ANSWERS: Answers<VersionOperation, AdminDeps> = {
  listVersions: asPerson("editor", listVersions),
  getVersion: asPerson("editor", showVersion),
  diffVersions: asPerson("editor", diffVersions),
  getAuditTrail: asPerson("editor", auditTrail),
  rollBack: asPerson("approver", rollBack),
  revokeVersion: asPerson("approver", revoke),
};
