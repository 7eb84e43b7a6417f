import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { ruleSetImpact } from "../../core/impact.js";
import { pastRegions } from "../../core/past-changes.js";
import { validateRuleSet } from "../../core/validate.js";
import { ActionMessage } from "./action-message.js";
import { useConfirm } from "./confirm-dialog.js";
import { EMPTY_CONTENT } from "./content.js";
import { ImpactView } from "./impact-view.js";
import { useStudio } from "./studio-context.js";
import { todayUtc } from "./today.js";
import { useAction } from "./use-action.js";
import { useVersionContent } from "./use-version-content.js";

const PAST_ADVICE =
  "The studio does not roll back over dates of service already past: the change policy refuses it, and only an administrator's break glass can. Revoking is still open to you.";

/** The impact of making `target` the version in use again, once both are read. */
const useRollbackImpact = (target: number) => {
  const { active } = useStudio();
  const content = useVersionContent(target);
  return useMemo(() => {
    if (!active || !content) return undefined;
    const [now, then] = [validateRuleSet(active.content), validateRuleSet(content)];
    return now.ok && then.ok ? ruleSetImpact(now.value, then.value) : undefined;
  }, [active, content]);
};

/**
 * What an approver can do with an earlier version: make it the one in use again (a rollback: an
 * incident's first move), or revoke it so it is never served again. Both say why, and both ask first.
 */
export const VersionActions = ({ version, onClose }: { version: number; onClose: () => void }) => {
  const { api, versions, refresh, shown } = useStudio();
  const action = useAction();
  const [dialog, confirm] = useConfirm();
  const [why, setWhy] = useState("");
  const [whyMissing, setWhyMissing] = useState(false);
  const whyField = useRef<HTMLInputElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const regions = useRollbackImpact(version);
  // The change policy refuses such a rollback whoever asks: it is not offered, and why is said.
  const recodesPast = regions !== undefined && pastRegions(regions, todayUtc()).length > 0;
  useEffect(() => heading.current?.focus(), []);

  const act = async (kind: "rollback" | "revoke") => {
    if (action.busy) return;
    if (why.trim() === "") {
      setWhyMissing(true);
      return whyField.current?.focus();
    }
    const yes = await confirm(
      kind === "rollback"
        ? {
            title: `Make version ${version} the one in use again?`,
            detail: (
              <p>The API answers with version {version} from now on; the audit trail names you.</p>
            ),
            go: `Roll back to version ${version}`,
          }
        : {
            title: `Revoke version ${version}?`,
            detail: (
              <p>
                It is never served again, not even to callers who ask for it by number. This cannot
                be undone.
              </p>
            ),
            go: `Revoke version ${version}`,
          },
    );
    if (!yes) return;
    const done = await action.run(
      kind === "rollback" ? "Rolling back…" : "Revoking…",
      () =>
        kind === "rollback"
          ? api.rollback(version, versions?.active ?? null, why.trim())
          : api.revoke(version, why.trim()),
      () =>
        kind === "rollback"
          ? `Version ${version} is in use again: the grid shows it now.`
          : `Version ${version} is revoked.`,
    );
    if (done) await refresh();
  };

  return (
    <section class="version-actions" aria-labelledby="version-actions-heading">
      <h2 id="version-actions-heading" ref={heading} tabIndex={-1}>
        Version {version}: roll back to it, or revoke it
      </h2>
      {dialog}
      {regions ? (
        <ImpactView
          id="rollback-impact"
          regions={regions}
          content={shown ?? EMPTY_CONTENT}
          against={`if version ${version} were in use again`}
          pastAdvice={PAST_ADVICE}
        />
      ) : (
        <p role="status">Reading version {version}…</p>
      )}
      <div class={whyMissing ? "field invalid" : "field"}>
        <label for="version-why">Why (the audit trail keeps it)</label>
        <input
          id="version-why"
          ref={whyField}
          value={why}
          aria-invalid={whyMissing}
          aria-describedby={whyMissing ? "version-why-problem" : undefined}
          onInput={(event) => {
            setWhyMissing(false);
            setWhy(event.currentTarget.value);
          }}
        />
        {whyMissing && (
          <p id="version-why-problem" class="problem">
            Say why first: the audit trail keeps it.
          </p>
        )}
      </div>
      {recodesPast && <p class="hint">{PAST_ADVICE}</p>}
      <div class="actions">
        {!recodesPast && (
          <button type="button" class="primary" onClick={() => void act("rollback")}>
            Roll back to version {version}…
          </button>
        )}
        <button type="button" class="danger" onClick={() => void act("revoke")}>
          Revoke version {version}…
        </button>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      <ActionMessage id="version-message" said={action.said} />
    </section>
  );
};
